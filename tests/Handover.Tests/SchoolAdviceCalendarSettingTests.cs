using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.ConsentReplica;
using Platform.Handover.Infrastructure;
using Platform.Privacy;
using Platform.TestInfrastructure;

namespace Platform.Handover.Tests;

/// <summary>
/// RULES.md §7's advice dates are law, but a regulation has moved them before: they are settings
/// (<c>Handover:SchoolAdvice</c>), and a region running on changed dates refuses and flags by those.
/// </summary>
public sealed class SchoolAdviceCalendarSettingTests(TestServersFixture fixture) : ServiceTestBase<Program, HandoverDbContext>(fixture)
{
    private const string Sender = "school-bs-de-linde", Receiver = "school-vo-college-parkstad";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 1, 5, 9, 0, 0, TimeSpan.Zero));

    protected override ServiceSetup Setup => new()
    {
        Clock = _clock,
        Settings = new Dictionary<string, string?>
        {
            ["Handover:SchoolAdvice:ProvisionalFromDay"] = "3",
            ["Handover:SchoolAdvice:FinalByMonth"] = "4",
            ["Handover:SchoolAdvice:FinalByDay"] = "1",
        },
    };

    [Fact]
    public async Task The_advice_dates_of_RULES_7_come_from_the_settings()
    {
        string bsn;
        do bsn = Random.Shared.Next(100_000_000, 999_999_999).ToString(); while (!Bsn.TryParse(bsn, out _));
        Bsn.TryParse(bsn, out var parsed);
        await InDbAsync(db =>
        {
            db.Set<ConsentCopy>().Add(new ConsentCopy
            {
                ConsentId = Guid.NewGuid(), CaseId = Guid.NewGuid(), ChildReference = Service.Services.GetRequiredService<ChildReferences>().For(parsed),
                Organisations = [Sender, Receiver], Purposes = ["handover"], GrantedAt = _clock.GetUtcNow(),
            });
            return db.SaveChangesAsync(Ct);
        });
        var sender = As(Sender, "school");
        var id = (await ReadAsync(await sender.PostAsJsonAsync("/api/handover/handovers", new
        {
            child = new { bsn, givenName = "Fenna", familyName = "Coenen", dateOfBirth = "2014-08-08" },
            switchMoment = "primary-to-secondary", receivingOrganisationId = Receiver, dueOn = "2027-08-20",
            dossier = new { educationalNeeds = "Small steps.", supportNeeds = "Fixed mentor.", whatWorks = "A visual day plan." },
        }, Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        // 2 January is before this region's window, 5 January inside it (the law's default would refuse it: before 10 January).
        Assert.Equal((HttpStatusCode)422, (await sender.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/provisional", new { level = "havo", givenOn = "2027-01-02" }, Ct)).StatusCode);
        var provisional = await ReadAsync(await sender.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/provisional", new { level = "havo", givenOn = "2027-01-05" }, Ct), HttpStatusCode.OK);
        Assert.False(provisional.GetProperty("dossier").GetProperty("schoolAdvice").GetProperty("provisional").GetProperty("late").GetBoolean());

        // 30 March is past the law's 24 March, but within this region's 1 April.
        _clock.SetUtcNow(new DateTimeOffset(2027, 3, 30, 9, 0, 0, TimeSpan.Zero));
        var final = await ReadAsync(await sender.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/final", new { level = "havo", givenOn = "2027-03-30" }, Ct), HttpStatusCode.OK);
        Assert.False(final.GetProperty("dossier").GetProperty("schoolAdvice").GetProperty("final").GetProperty("late").GetBoolean());
    }
}
