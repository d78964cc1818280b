using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Funding;
using Platform.Contracts.Handover;
using Platform.TestInfrastructure;

namespace Platform.Intake.Tests.Apis;

/// <summary>Funding's placements and Handover's completions reach the case over RabbitMQ, once each.</summary>
public sealed class CasePictureTests(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly TestTokens _tokens = new();
    private IntakeFactory _intake = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _intake = new IntakeFactory(
            TestDatabase.NewConnectionString(fixture.Servers, "picture"),
            await TestVirtualHost.CreateAsync(fixture.Servers, "picture"),
            _tokens);
        _ = _intake.Server;
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
        var caseId = referral.GetProperty("caseId").GetGuid();
        string childReference;
        await using (var scope = _intake.Services.CreateAsyncScope())
            childReference = (await scope.ServiceProvider.GetRequiredService<Platform.Intake.Infrastructure.IntakeDbContext>()
                .Cases.FindAsync([caseId], Ct))!.ChildReference;

        var bus = _intake.Services.GetRequiredService<IBus>();
        var placement = new PlacementConfirmed(Guid.NewGuid(), caseId, "ignored-by-intake", Guid.NewGuid(), "collective", new DateOnly(2027, 1, 4), DateTimeOffset.UtcNow);
        await bus.Publish(placement, Ct);
        await bus.Publish(placement, Ct); // a replay under a new message id: still one note
        await bus.Publish(new HandoverCompleted(Guid.NewGuid(), childReference, "primary-to-secondary", "school-bs-de-linde", "school-vo-b", DateTimeOffset.UtcNow), Ct);

        JsonElement notes = default;
        for (var i = 0; i < 300; i++)
        {
            notes = (await school.GetFromJsonAsync<JsonElement>($"/api/intake/cases/{caseId}", Ct)).GetProperty("notes");
            if (notes.GetArrayLength() >= 2) break;
            await Task.Delay(100, Ct);
        }
        await Task.Delay(500, Ct);
        notes = (await school.GetFromJsonAsync<JsonElement>($"/api/intake/cases/{caseId}", Ct)).GetProperty("notes");
        Assert.Equal(["handover", "placement"], notes.EnumerateArray().Select(n => n.GetProperty("kind").GetString()).Order());
    }
}
