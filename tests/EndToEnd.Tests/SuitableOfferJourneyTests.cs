using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults;
using Platform.TestInfrastructure;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// RULES.md §2 (#23 point 1): a thuiszitter case is not resolved on a promise. The leerplicht officer records a
/// place that starts in three weeks; the case stays open (the child is still at home) until that day, and then
/// Attendance's durable timer resolves it. The three weeks pass on Attendance's own clock (the suite moves it,
/// <see cref="PlatformFixture.ShiftClock"/>), so the class is in the quiet collection: nothing else runs meanwhile.
/// </summary>
[Collection(nameof(Quiet))]
public sealed class SuitableOfferJourneyTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_thuiszitter_with_a_place_starting_in_3_weeks_stays_open_until_that_day_then_resolves_RULES_2()
    {
        var school = await Demo.ClientAsync(platform.Gateway, Demo.School);
        var maastricht = await Demo.ClientAsync(platform.Gateway, Demo.Municipality);
        // Two children at home, each offered a place: one starting in 20 days (the witness), one in 21.
        var witness = await ThuiszitterWithOfferAsync(school, maastricht, "Daan", Demo.Today.AddDays(20));
        var child = await ThuiszitterWithOfferAsync(school, maastricht, "Noor", Demo.Today.AddDays(21));

        try
        {
            // Twenty days pass. The witness's place starts: once the timer has resolved it, the same pass has seen
            // the other case too, a day before its start, and left it open: the child is still at home.
            platform.ShiftClock(ResourceNames.Attendance, TimeSpan.FromDays(20));
            await ResolvedAsync(maastricht, witness);
            var dayBefore = await Demo.ReadAsync(await maastricht.GetAsync($"/api/attendance/thuiszitters/{child}", Ct), HttpStatusCode.OK);
            Assert.NotEqual("resolved", dayBefore.GetProperty("status").GetString());

            // On its start date the durable timer resolves it: the child has started.
            platform.ShiftClock(ResourceNames.Attendance, TimeSpan.FromDays(21));
            await ResolvedAsync(maastricht, child);
        }
        finally
        {
            platform.ShiftClock(ResourceNames.Attendance, TimeSpan.Zero);
        }
    }

    private static async Task<Guid> ThuiszitterWithOfferAsync(HttpClient school, HttpClient officer, string givenName, DateOnly startsOn)
    {
        var report = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = new { bsn = Demo.NewBsn(), givenName, familyName = "Smeets", dateOfBirth = "2013-09-09", homeMunicipality = "GM0935" },
            kind = "long-term-relative",
            firstAbsentOn = Demo.LongTermAbsentSince,
        }, Ct), HttpStatusCode.Created);
        var caseId = report.GetProperty("thuiszitterCaseId").GetGuid();
        var offered = await Demo.ReadAsync(await officer.PostAsJsonAsync($"/api/attendance/thuiszitters/{caseId}/offer", new
        {
            kind = "education", description = "A place in the Anders Leren group at De Linde", startsOn = startsOn.ToString("yyyy-MM-dd"),
        }, Ct), HttpStatusCode.OK);
        // A promise does not resolve the case (RULES.md §2).
        Assert.NotEqual("resolved", offered.GetProperty("status").GetString());
        return caseId;
    }

    /// <summary>Waits (Attendance's deadline pass runs every 3 s in this suite) until the case is resolved because the child started on the offer.</summary>
    private static async Task ResolvedAsync(HttpClient officer, Guid caseId)
    {
        var current = await Eventually.ValueAsync(
            async () => await Demo.ReadAsync(await officer.GetAsync($"/api/attendance/thuiszitters/{caseId}", Ct), HttpStatusCode.OK),
            c => c.GetProperty("status").GetString() == "resolved", $"thuiszitter case {caseId} resolved", TimeSpan.FromSeconds(60), Ct);
        Assert.Equal("offer-started", current.GetProperty("resolution").GetString());
    }
}
