using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.EndToEnd.Tests.Security;

/// <summary>
/// OWASP API3 (mass assignment): properties a client may not set (who owns a record, its status, its
/// id, its timestamps, counters) are ignored when a body names them; the service sets them itself.
/// </summary>
public sealed class MassAssignmentTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly Guid Forged = Guid.Parse("0badc0de-0000-4000-8000-000000000001");

    private static JsonObject With(object body, params (string Name, JsonNode? Value)[] extra)
    {
        var node = JsonSerializer.SerializeToNode(body)!.AsObject();
        foreach (var (name, value) in extra) node[name] = value;
        return node;
    }

    [Fact]
    public async Task A_referral_is_the_callers_with_its_own_id_and_no_case_the_body_names()
    {
        var school = await Demo.ClientAsync(platform.Gateway, "school-bs-het-palet");
        var body = With(new
        {
            child = new { bsn = Demo.NewBsn(), givenName = "Mees", familyName = "Vliegen", dateOfBirth = "2015-06-01", homeMunicipality = "GM0917" },
            supportNeeds = new[] { new { domain = "social-emotional", description = "Hard to settle after breaks." } },
            triedSoFar = "A quiet corner.", urgency = "regular",
        }, ("id", Forged.ToString()), ("referringOrganisationId", "school-bs-de-linde"), ("caseId", Forged.ToString()),
            ("submittedAt", "2001-01-01T00:00:00Z"), ("linkedToExistingCase", true));

        var referral = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/intake/referrals", body, Ct), HttpStatusCode.Created);

        Assert.Equal("school-bs-het-palet", referral.GetProperty("referringOrganisationId").GetString());
        Assert.NotEqual(Forged, referral.GetProperty("id").GetGuid());
        Assert.NotEqual(Forged, await Demo.CaseOfReferralAsync(school, referral));
        Assert.True(referral.GetProperty("submittedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(-1));
        Assert.False(referral.GetProperty("linkedToExistingCase").GetBoolean());
    }

    [Fact]
    public async Task A_new_arrangement_is_a_draft_with_no_approvals_or_occupants_the_body_claims()
    {
        var swv = await Demo.ClientAsync(platform.Gateway, Demo.Swv);
        var maastricht = await Demo.ClientAsync(platform.Gateway, Demo.Municipality);
        await Demo.FundersHoldBudgetsAsync(swv, maastricht);
        var body = With(Demo.CollectiveAtDeLinde(places: 2), ("id", Forged.ToString()), ("status", "active"), ("occupied", 2),
            ("proposedBy", "gemeente-heerlen"), ("proposedAt", "2026-01-01T00:00:00Z"), ("endedOn", "2026-02-01"));

        var arrangement = await Demo.ReadAsync(await swv.PostAsJsonAsync("/api/funding/arrangements", body, Ct), HttpStatusCode.Created);

        Assert.Equal("draft", arrangement.GetProperty("status").GetString());
        Assert.NotEqual(Forged, arrangement.GetProperty("id").GetGuid());
        Assert.Equal(0, arrangement.GetProperty("occupied").GetInt32());
        // The drafter is its proposer; the moment it is proposed is still to come.
        Assert.Equal(Demo.Swv, arrangement.GetProperty("proposedBy").GetString());
        Assert.Equal(JsonValueKind.Null, arrangement.GetProperty("proposedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, arrangement.GetProperty("endedOn").ValueKind);
        Assert.All(arrangement.GetProperty("shares").EnumerateArray(), s => Assert.NotEqual("approved", s.GetProperty("decision").GetString()));
    }

    [Fact]
    public async Task An_absence_report_belongs_to_the_reporting_school_whatever_the_body_says()
    {
        var school = await Demo.ClientAsync(platform.Gateway, "school-bs-het-palet");
        var body = With(new
        {
            child = new { bsn = Demo.NewBsn(), givenName = "Noor", familyName = "Ramakers", dateOfBirth = "2014-02-02", homeMunicipality = "GM0917" },
            kind = "long-term-relative", firstAbsentOn = Demo.LongTermAbsentSince,
        }, ("id", Forged.ToString()), ("schoolOrganisationId", "school-bs-de-linde"), ("status", "closed"),
            ("thuiszitterCaseId", Forged.ToString()), ("reportedAt", "2001-01-01T00:00:00Z"));

        var report = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/attendance/absence-reports", body, Ct), HttpStatusCode.Created);

        Assert.Equal("school-bs-het-palet", report.GetProperty("schoolOrganisationId").GetString());
        Assert.NotEqual("closed", report.GetProperty("status").GetString());
        Assert.NotEqual(Forged, report.GetProperty("id").GetGuid());
        Assert.True(report.GetProperty("thuiszitterCaseId").ValueKind == JsonValueKind.Null
                    || report.GetProperty("thuiszitterCaseId").GetGuid() != Forged);
        Assert.True(report.GetProperty("reportedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(-1));
    }

    [Fact]
    public async Task A_subscription_starts_active_with_a_secret_the_service_made()
    {
        var school = await Demo.ClientAsync(platform.Gateway, "school-bs-het-palet");
        var body = With(new { callbackUrl = "http://127.0.0.1:9/mass-assignment/", channels = new[] { "cases" } },
            ("id", Forged.ToString()), ("status", "paused"), ("consecutiveFailures", 99), ("secret", "chosen-by-the-client"),
            ("organisationId", "school-bs-de-linde"));

        var created = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/subscriptions/subscriptions", body, Ct), HttpStatusCode.Created);

        var subscription = created.GetProperty("subscription");
        Assert.Equal("active", subscription.GetProperty("status").GetString());
        Assert.Equal(0, subscription.GetProperty("consecutiveFailures").GetInt32());
        Assert.NotEqual(Forged, subscription.GetProperty("id").GetGuid());
        Assert.NotEqual("chosen-by-the-client", created.GetProperty("secret").GetString());
        // Still the caller's: De Linde does not see it, Het Palet does.
        var linde = await Demo.ClientAsync(platform.Gateway, Demo.School);
        Assert.Equal(HttpStatusCode.NotFound, (await linde.GetAsync($"/api/subscriptions/subscriptions/{subscription.GetProperty("id").GetGuid()}", Ct)).StatusCode);
    }
}
