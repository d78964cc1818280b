using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults;
using Platform.TestInfrastructure;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The passend onderwijs clocks through the gateway (#24, RULES.md §4): the parents apply in writing to De Linde for
/// Lotte, who needs more support than De Linde can give; the board extends its 6 weeks by 4 and tells the parents;
/// meanwhile the SWV grants a TLV for SBO Het Kompas on two independent advices; seven weeks after the application
/// (inside the extended term) the board decides on special education at Het Kompas, which opens Het Kompas's 6 weeks
/// for the OPP from the day Lotte starts; Het Kompas sets it the first week. The monitor has each step in its
/// journal (its published figures show ended months only, with noise: ADR-0014).
/// The weeks pass on Funding's own clock (<see cref="PlatformFixture.ShiftClock"/>), so the class is in the quiet
/// collection: nothing else runs meanwhile.
/// </summary>
[Collection(nameof(Quiet))]
public sealed class ZorgplichtJourneyTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Kompas = "school-sbo-het-kompas";

    [Fact]
    public async Task An_application_extended_by_4_weeks_ends_in_a_TLV_and_an_SBO_place_whose_OPP_is_set_in_time_and_the_monitor_has_it_RULES_4()
    {
        var school = await Demo.ClientAsync(platform.Gateway, Demo.School);
        var swv = await Demo.ClientAsync(platform.Gateway, Demo.Swv);
        var kompas = await Demo.ClientAsync(platform.Gateway, Kompas);
        var today = Demo.Today;

        var referral = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/intake/referrals", new
        {
            child = new { bsn = Demo.NewBsn(), givenName = "Lotte", familyName = "Habets", dateOfBirth = "2017-05-20", homeMunicipality = "GM0935" },
            supportNeeds = new[] { new { domain = "learning", description = "Two years behind in reading and maths despite an arrangement." } },
            triedSoFar = "Extra support in class for two years, an individual plan, a collective arrangement.",
            urgency = "soon",
        }, Ct), HttpStatusCode.Created);
        var caseId = await Demo.CaseOfReferralAsync(school, referral);
        await Demo.ReadAsync(await school.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents", new
        {
            givenBy = new[] { "parents" },
            parentalAuthority = new { holders = new[] { "parents" }, verifiedBy = "gezagsregister", verifiedOn = today.ToString("yyyy-MM-dd") },
            organisations = new[] { Demo.School, Demo.Municipality, Demo.Swv, Kompas, "jeugdhulp-horizon", "jgz-zuid-limburg" },
            purpose = "A school place with the support she needs, an application for SBO", purposes = new[] { "support", "tlv" },
            givenOn = today.ToString("yyyy-MM-dd"),
            coordinator = new { organisationId = Demo.Municipality, name = "M. Janssen (wijkteam)" },
        }, Ct), HttpStatusCode.Created);

        // The written application arrived five weeks ago; De Linde registers it (Funding learns of the case and its consent
        // from Intake's events, so the first attempts may find neither yet).
        var receivedOn = today.AddDays(-35);
        var application = await Eventually.ValueAsync(
            async () => await school.PostAsJsonAsync("/api/funding/zorgplicht-applications", new
            {
                caseId, schoolLocationId = "27DL00", receivedOn = receivedOn.ToString("yyyy-MM-dd"), compulsorySchoolAge = true, hasPlaceElsewhere = true,
            }, Ct),
            r => r.StatusCode != HttpStatusCode.UnprocessableEntity, "Funding has Lotte's case and consent", TimeSpan.FromSeconds(30), Ct);
        var registered = await Demo.ReadAsync(application, HttpStatusCode.Created);
        var applicationId = registered.GetProperty("id").GetGuid();
        Assert.Equal(receivedOn.AddDays(42).ToString("yyyy-MM-dd"), registered.GetProperty("decisionDueOn").GetString());

        // Within the 6 weeks, the board extends by 4 and tells the parents the same day (RULES.md §4); a second extension is refused.
        var extended = await Demo.ReadAsync(await school.PostAsJsonAsync($"/api/funding/zorgplicht-applications/{applicationId}/extension",
            new { parentsNotifiedOn = today.ToString("yyyy-MM-dd") }, Ct), HttpStatusCode.OK);
        Assert.Equal(receivedOn.AddDays(70).ToString("yyyy-MM-dd"), extended.GetProperty("decisionDueOn").GetString());
        var again = await Demo.ReadAsync(await school.PostAsJsonAsync($"/api/funding/zorgplicht-applications/{applicationId}/extension",
            new { parentsNotifiedOn = today.ToString("yyyy-MM-dd") }, Ct), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("RULES.md §4", again.GetRawText());

        // The TLV for SBO Het Kompas: two advices by two registered experts, then the SWV grants it.
        var tlvId = await Demo.RequestTlvAsync(school, caseId, "Two years of extra support and an arrangement; the gap keeps growing.");
        await Demo.AdvisedByTwoExpertsAsync(platform.Gateway, swv, tlvId);
        await Demo.ReadAsync(await swv.PostAsJsonAsync($"/api/funding/tlvs/{tlvId}/decision", new
        {
            outcome = "granted", kind = "sbo", receivingLocationId = "27HK00", validFrom = today.ToString("yyyy-MM-dd"),
            validUntil = today.AddYears(2).ToString("yyyy-MM-dd"), parentsView = "The parents want Het Kompas.", reasons = "Both experts advise SBO.",
        }, Ct), HttpStatusCode.OK);

        // Two weeks pass on Funding's clock: the original 6 weeks are over, the extended 10 are not.
        var later = today.AddDays(14);
        try
        {
            await platform.ShiftClockAsync(ResourceNames.Funding, TimeSpan.FromDays(14));
            var decision = (await Demo.ReadAsync(await school.PostAsJsonAsync($"/api/funding/zorgplicht-applications/{applicationId}/decision", new
            {
                outcome = "special-education", tlvId, startsOn = later.ToString("yyyy-MM-dd"),
            }, Ct), HttpStatusCode.OK)).GetProperty("decision");
            Assert.Equal(("special-education", "27HK00", "extended"),
                (decision.GetProperty("outcome").GetString(), decision.GetProperty("placementLocationId").GetString(), decision.GetProperty("timeliness").GetString()));

            // The decision opened Het Kompas's 6 weeks for the OPP from the day Lotte starts; it sets it in her first week.
            var opps = await Demo.AllItemsAsync(kompas, "/api/funding/opps");
            var opp = Assert.Single(opps, o => o.GetProperty("caseId").GetGuid() == caseId);
            Assert.Equal(("sbo", later.ToString("yyyy-MM-dd"), later.AddDays(42).ToString("yyyy-MM-dd")),
                (opp.GetProperty("schoolType").GetString(), opp.GetProperty("enrolledOn").GetString(), opp.GetProperty("setDueOn").GetString()));
            var oppId = opp.GetProperty("id").GetGuid();
            var set = await Demo.ReadAsync(await kompas.PostAsJsonAsync($"/api/funding/opps/{oppId}/establishment",
                new { setOn = later.ToString("yyyy-MM-dd") }, Ct), HttpStatusCode.OK);
            Assert.True(set.GetProperty("setOnTime").GetBoolean());
            // De Linde, the school applied to, has no part in Het Kompas's OPP.
            await Demo.ReadAsync(await school.GetAsync($"/api/funding/opps/{oppId}", Ct), HttpStatusCode.NotFound);

            // The monitor has each step, once, in its journal.
            var since = System.Diagnostics.Stopwatch.StartNew();
            await MonitorJournal.UntilAllAsync(platform, "Funding.ZorgplichtTermExtended", "applicationId", [applicationId], since);
            await MonitorJournal.UntilAllAsync(platform, "Funding.ZorgplichtDecided", "applicationId", [applicationId], since);
            await MonitorJournal.UntilAllAsync(platform, "Funding.OppEstablished", "oppId", [oppId], since);
            Assert.Equal("extended", await MonitorJournal.FieldAsync(platform, "Funding.ZorgplichtDecided", "applicationId", applicationId, "timeliness"));
            Assert.Equal("true", await MonitorJournal.FieldAsync(platform, "Funding.OppEstablished", "oppId", oppId, "onTime"));
        }
        finally
        {
            platform.ShiftClock(ResourceNames.Funding, TimeSpan.Zero);
        }
    }
}
