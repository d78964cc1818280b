using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Funding;
using Platform.Contracts.Handover;
using Platform.Intake.Infrastructure;
using Platform.TestInfrastructure;

namespace Platform.Intake.Tests.Apis;

/// <summary>Funding's placements and Handover's completions reach the case over RabbitMQ, once each.</summary>
public sealed class CasePictureTests(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly TestTokens _tokens = new();
    private ServiceFactory<Program, IntakeDbContext> _intake = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _intake = await ServiceFactory<Program, IntakeDbContext>.StartAsync(fixture.Servers, new() { Tokens = _tokens, Prefix = "picture" });
    }

    public async ValueTask DisposeAsync() => await _intake.DisposeAsync();

    [Fact]
    public async Task A_placement_and_a_handover_show_on_the_childs_case_once_however_often_they_arrive()
    {
        var school = _intake.CreateClient();
        school.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.For("school-bs-de-linde", "intake-api"));
        var referral = await (await school.PostAsJsonAsync("/api/intake/referrals", new
        {
            child = new { bsn = "123456782", givenName = "Sem", familyName = "Bakker", dateOfBirth = "2013-02-02", homeMunicipality = "GM0917" },
            supportNeeds = new[] { new { domain = "attendance", description = "Misses mornings." } },
            triedSoFar = "Talks with the parents.",
            urgency = "urgent",
        }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        // The case id is read back from the referral (#25: the POST's answer does not show it).
        var caseId = (await school.GetFromJsonAsync<JsonElement>($"/api/intake/referrals/{referral.GetProperty("id").GetGuid()}", Ct)).GetProperty("caseId").GetGuid();
        string childReference;
        await using (var scope = _intake.Services.CreateAsyncScope())
            childReference = (await scope.ServiceProvider.GetRequiredService<Platform.Intake.Infrastructure.IntakeDbContext>()
                .Cases.FindAsync([caseId], Ct))!.ChildReference;

        var placement = new PlacementConfirmed(Guid.NewGuid(), caseId, "ignored-by-intake", Guid.NewGuid(), "collective", new DateOnly(2027, 1, 4), DateTimeOffset.UtcNow);
        // Waiting for each message to be consumed, not for a note to appear: after the replay has
        // been handled too, a third note would be there already.
        await _intake.PublishAndWaitAsync(placement);
        await _intake.PublishAndWaitAsync(placement); // a replay under a new message id: still one note
        await _intake.PublishAndWaitAsync(new HandoverCompleted(Guid.NewGuid(), childReference, "primary-to-secondary", "school-bs-de-linde", "school-vo-b", DateTimeOffset.UtcNow));

        var notes = (await school.GetFromJsonAsync<JsonElement>($"/api/intake/cases/{caseId}", Ct)).GetProperty("notes");
        Assert.Equal(["handover", "placement"], notes.EnumerateArray().Select(n => n.GetProperty("kind").GetString()).Order());
    }
}
