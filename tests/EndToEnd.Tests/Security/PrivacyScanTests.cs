using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEnd.Tests.Security;

/// <summary>
/// Pseudonymisation: a journey through every child-data service with a distinctive BSN and names, then
/// a search of everything that leaves the services for operators (every exported span, log record and
/// metric, and every resource's console output). The BSN and the names are in none of it; the case id
/// is (so the search looked where the journey went).
/// </summary>
public sealed class PrivacyScanTests(PlatformFixture platform, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_BSN_or_name_of_a_full_journey_is_in_traces_logs_metrics_or_console_output()
    {
        var bsn = Demo.NewBsn();
        const string givenName = "Quirijntje";
        const string familyName = "Zwaneveldtsma";
        var child = new { bsn, givenName, familyName, dateOfBirth = "2016-04-21", homeMunicipality = "GM0935" };
        var school = await Demo.ClientAsync(platform.Gateway, Demo.School);
        var maastricht = await Demo.ClientAsync(platform.Gateway, Demo.Municipality);
        var privacyOfficer = await Demo.ClientAsync(platform.Gateway, "fg-zuid-limburg");
        var receiver = await Demo.ClientAsync(platform.Gateway, "school-vso-de-berg");

        var referral = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/intake/referrals", new
        {
            child, supportNeeds = new[] { new { domain = "social-emotional", description = $"{givenName} withdraws in class." } },
            triedSoFar = "Talks with the mentor.", urgency = "soon", parentsView = $"{givenName} is unhappy.",
        }, Ct), HttpStatusCode.Created);
        var caseId = await Demo.CaseOfReferralAsync(school, referral);
        await Demo.ReadAsync(await school.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents", new
        {
            givenBy = new[] { "parents" }, parentalAuthorityCheckedIn = "gezagsregister",
            organisations = new[] { Demo.School, Demo.Municipality, Demo.Swv, "school-vso-de-berg" }, purpose = "Support and the move",
            purposes = new[] { "support", "tlv", "handover" }, givenOn = Demo.Today.ToString("yyyy-MM-dd"),
            coordinator = new { organisationId = Demo.Municipality, name = "M. Janssen (wijkteam)" },
        }, Ct), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await maastricht.GetAsync($"/api/intake/cases/{caseId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await maastricht.GetAsync("/api/intake/cases?limit=50", Ct)).StatusCode);
        // Refused requests carry the BSN too: their problems must not log it.
        Assert.Equal(HttpStatusCode.BadRequest, (await school.PostAsJsonAsync("/api/intake/referrals", new { child, urgency = "soon" }, Ct)).StatusCode);

        var report = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child, kind = "long-term-relative", firstAbsentOn = Demo.LongTermAbsentSince,
        }, Ct), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await maastricht.GetAsync($"/api/attendance/thuiszitters/{report.GetProperty("thuiszitterCaseId").GetGuid()}", Ct)).StatusCode);

        var handover = (await Demo.StartHandoverAsync(school, new
        {
            child = new { bsn, givenName, familyName, child.dateOfBirth },
            switchMoment = "primary-to-so", receivingOrganisationId = "school-vso-de-berg", dueOn = Demo.Today.AddDays(30).ToString("yyyy-MM-dd"),
            dossier = new { educationalNeeds = $"{givenName} learns in small steps", supportNeeds = "A fixed mentor", whatWorks = "A day plan" },
        })).GetProperty("id").GetGuid();
        await Demo.ReadAsync(await receiver.PostAsync($"/api/handover/handovers/{handover}/acceptance", null, Ct), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await receiver.GetAsync($"/api/handover/handovers/{handover}", Ct)).StatusCode);

        await Demo.RequestTlvAsync(school, caseId, $"{givenName} needs a smaller school.");
        Assert.Equal(HttpStatusCode.OK, (await privacyOfficer.PostAsJsonAsync("/api/audit/access-reports", new { bsn }, Ct)).StatusCode);

        // Everything is exported within 2 s (the fixture's export delays); wait until the case id shows up.
        var seen = false;
        for (var attempt = 0; attempt < 60 && !seen; attempt++)
        {
            await Task.Delay(500, Ct);
            seen = platform.Telemetry.Find(caseId.ToString()).Any(f => f.StartsWith("traces", StringComparison.Ordinal));
        }
        await Task.Delay(4000, Ct); // two log batches (2 s each) after the spans arrived

        Assert.True(seen, "The journey's spans never reached the capture: the scan would prove nothing.");
        Assert.True(platform.Telemetry.Exports("logs") > 0 && platform.Telemetry.Exports("metrics") > 0, "No logs or metrics were exported.");
        // The servers write to their consoles whatever the services' log levels: none captured means the scan saw nothing.
        Assert.True(platform.Telemetry.ConsoleLines("rabbitmq") > 0 && platform.Telemetry.ConsoleLines("intake") > 0,
            "No console output was captured: the console scan would prove nothing.");
        output.WriteLine($"Scanned {platform.Telemetry.Exports("traces")} trace, {platform.Telemetry.Exports("logs")} log and {platform.Telemetry.Exports("metrics")} metric exports and the console output.");
        var found = new[] { bsn, givenName, familyName }.SelectMany(text => platform.Telemetry.Find(text).Select(f => $"'{text}' in {f}")).ToList();
        Assert.True(found.Count == 0, string.Join('\n', found.Take(20)));
    }
}
