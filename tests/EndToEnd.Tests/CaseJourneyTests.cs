using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEnd.Tests;

/// <summary>From a school's referral to an agreed plan, through the gateway with the demo region's clients.</summary>
public sealed class CaseJourneyTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")).DateTime).ToString("yyyy-MM-dd");

    private static object Referral(string bsn) => new
    {
        child = new { bsn, givenName = "Daan", familyName = "Peters", dateOfBirth = "2016-09-12", homeMunicipality = "GM0935" },
        supportNeeds = new[] { new { domain = "social-emotional", description = "Withdraws in class, sleeps badly." } },
        triedSoFar = "Talks with the mentor and the parents.",
        urgency = "soon",
        parentsView = "We see him struggle at home too.",
        childsView = "I don't like the breaks.",
    };

    [Fact]
    public async Task A_school_refers_a_child_and_the_network_agrees_one_plan()
    {
        const string bsn = "233445560"; // passes the 11-proof
        var school = await Demo.ClientAsync(platform.Gateway, "school-bs-de-linde");
        var municipality = await Demo.ClientAsync(platform.Gateway, "gemeente-maastricht");

        var referral = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/intake/referrals", Referral(bsn), Ct), HttpStatusCode.Created);
        var caseId = await Demo.CaseOfReferralAsync(school, referral);

        await Demo.ReadAsync(await school.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents", new
        {
            givenBy = new[] { "parents" },
            parentalAuthorityCheckedIn = "gezagsregister",
            organisations = new[] { "school-bs-de-linde", "gemeente-maastricht", "jgz-zuid-limburg", "swv-po-maastricht-heuvelland" },
            purpose = "Coordinated support for Daan at school and at home",
            givenOn = Today,
            coordinator = new { organisationId = "gemeente-maastricht", name = "M. Janssen (wijkteam)" },
        }, Ct), HttpStatusCode.Created);

        var knooppunt = await Demo.ReadAsync(await municipality.PostAsJsonAsync($"/api/intake/cases/{caseId}/knooppunten", new
        {
            scheduledOn = Today,
            participants = new[] { "school-bs-de-linde", "gemeente-maastricht", "jgz-zuid-limburg", "swv-po-maastricht-heuvelland" },
            parentsInvited = true,
        }, Ct), HttpStatusCode.Created);
        await Demo.ReadAsync(await municipality.PostAsJsonAsync($"/api/intake/cases/{caseId}/knooppunten/{knooppunt.GetProperty("id").GetGuid()}/outcome", new
        {
            heldOn = Today,
            summary = "School adapts breaks; JGZ looks at sleep; family support from the wijkteam.",
            nextStep = new { description = "Quiet place during breaks from tomorrow", ownerOrganisationId = "school-bs-de-linde", startsOn = Today },
        }, Ct), HttpStatusCode.OK);
        await Demo.ReadAsync(await municipality.PostAsJsonAsync($"/api/intake/cases/{caseId}/plans", new
        {
            goals = new[] { "Daan joins breaks with a friend by spring", "Sleeps through most nights" },
            actions = new[]
            {
                new { partnerOrganisationId = "school-bs-de-linde", description = "Quiet place and a buddy at breaks", owner = "Teacher group 7", dueOn = "2027-01-15" },
                new { partnerOrganisationId = "jgz-zuid-limburg", description = "Sleep consultation", owner = "Youth doctor", dueOn = "2027-01-31" },
            },
            reviewOn = "2027-03-01",
            arrangement = new { kind = "collective", supportDomains = new[] { "social-emotional" }, urgent = false },
        }, Ct), HttpStatusCode.Created);

        var seen = await Demo.ReadAsync(await municipality.GetAsync($"/api/intake/cases/{caseId}", Ct), HttpStatusCode.OK);
        Assert.Equal("plan-agreed", seen.GetProperty("summary").GetProperty("status").GetString());

        // Another school, not involved: the case does not exist for it.
        var otherSchool = await Demo.ClientAsync(platform.Gateway, "school-bs-het-palet");
        Assert.Equal(HttpStatusCode.NotFound, (await otherSchool.GetAsync($"/api/intake/cases/{caseId}", Ct)).StatusCode);

        // Childcare refers the same child: one child, one case. It is not involved, so its answer does
        // not tell it the child is known (#25); the case lists it as a referrer.
        var childcare = await Demo.ClientAsync(platform.Gateway, "kinderopvang-de-kleine-wereld");
        var second = await Demo.ReadAsync(await childcare.PostAsJsonAsync("/api/intake/referrals", Referral(bsn), Ct), HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("caseId").ValueKind);
        Assert.False(second.GetProperty("linkedToExistingCase").GetBoolean());
        var linked = await Demo.ReadAsync(await municipality.GetAsync($"/api/intake/cases/{caseId}", Ct), HttpStatusCode.OK);
        Assert.Contains("kinderopvang-de-kleine-wereld", linked.GetProperty("summary").GetProperty("referringOrganisations").EnumerateArray().Select(e => e.GetString()));
        // The school, already involved, is told its new referral joined the case.
        var third = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/intake/referrals", Referral(bsn), Ct), HttpStatusCode.Created);
        Assert.Equal(caseId, third.GetProperty("caseId").GetGuid());
        Assert.True(third.GetProperty("linkedToExistingCase").GetBoolean());
    }
}
