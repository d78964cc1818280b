using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEnd.Tests;

/// <summary>A school reports long absence; the municipality sees a thuiszitter; the actietafel gets it at 3 months; a placement resolves it.</summary>
public sealed class ThuiszitterJourneyTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")).DateTime);

    private async Task<JsonElement?> WaitForAsync(Func<Task<JsonElement?>> probe, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found) return found;
            await Task.Delay(500, Ct);
        }
        return null;
    }

    [Fact]
    public async Task Long_absence_becomes_a_thuiszitter_that_escalates_and_a_placement_resolves()
    {
        var school = await Demo.ClientAsync(platform.Gateway, "school-bs-de-linde");
        var maastricht = await Demo.ClientAsync(platform.Gateway, "gemeente-maastricht");
        var table = await Demo.ClientAsync(platform.Gateway, "escalatietafel-zuid-limburg");
        var heerlen = await Demo.ClientAsync(platform.Gateway, "gemeente-heerlen");

        // At home for four months already: past the thuiszitterspact's three-month limit.
        var report = await school.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = new { bsn = "345678904", givenName = "Lotte", familyName = "Hermans", dateOfBirth = "2012-03-03", homeMunicipality = "GM0935" },
            kind = "long-term-relative",
            firstAbsentOn = Today.AddMonths(-4).ToString("yyyy-MM-dd"),
        }, Ct);
        var reported = JsonDocument.Parse(await report.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.True(report.StatusCode == HttpStatusCode.Created, reported.ToString());
        var caseId = reported.GetProperty("thuiszitterCaseId").GetGuid();

        var seen = await maastricht.GetFromJsonAsync<JsonElement>($"/api/attendance/thuiszitters/{caseId}", Ct);
        Assert.True(seen.GetProperty("daysAtHome").GetInt32() > 100);
        Assert.Equal(HttpStatusCode.NotFound, (await heerlen.GetAsync($"/api/attendance/thuiszitters/{caseId}", Ct)).StatusCode);

        // The deadline watcher sends it to the actietafel.
        var escalated = await WaitForAsync(async () =>
        {
            var response = await table.GetAsync($"/api/attendance/thuiszitters/{caseId}", Ct);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(Ct) : null;
        }, TimeSpan.FromSeconds(60));
        Assert.NotNull(escalated);
        Assert.Equal("escalated", escalated.Value.GetProperty("status").GetString());

        // The child's case in Intake asks for a collective place; Funding's placement starts today (the arrangement starts today),
        // so the child has started and the case resolves at once (RULES.md §2: a placement starting later only resolves on its
        // start date, by Attendance's deadline watcher: tests/Attendance.Tests/Apis/SuitableOfferTests.cs, with a fake clock).
        await Demo.ActiveArrangementAsync(platform.Gateway);
        await Demo.PlaceThroughIntakeAsync(platform.Gateway, "345678904", "Lotte", "Hermans", "2012-03-03");
        var resolved = await WaitForAsync(async () =>
        {
            var current = await maastricht.GetFromJsonAsync<JsonElement>($"/api/attendance/thuiszitters/{caseId}", Ct);
            return current.GetProperty("status").GetString() == "resolved" ? current : null;
        }, TimeSpan.FromSeconds(30));
        Assert.NotNull(resolved);
        Assert.Equal("placed-in-arrangement", resolved.Value.GetProperty("resolution").GetString());
    }

}
