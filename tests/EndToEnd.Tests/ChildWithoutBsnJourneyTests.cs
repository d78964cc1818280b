using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.TestInfrastructure;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// #23 point 4 (ADR-0015, RULES.md §6): a newly arrived child without BSN is reported absent by its onderwijsnummer and
/// referred in Intake by it; once the school links the BSN, a referral by BSN joins the child's one case.
/// A child with an onderwijsnummer, and one with neither (a platform child id), go through Attendance, Intake and
/// Handover by it, and the BSN, once known, joins their records in all three.
/// </summary>
public sealed class ChildWithoutBsnJourneyTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An onderwijsnummer: 10, six digits, and the check digit whose 11-proof leaves remainder 5.</summary>
    private static string NewOnderwijsnummer()
    {
        while (true)
        {
            var digits = "10" + Random.Shared.Next(0, 1_000_000).ToString("D6");
            var sum = 0;
            for (var i = 0; i < 8; i++) sum += (9 - i) * (digits[i] - '0');
            var check = ((sum - 5) % 11 + 11) % 11;
            if (check < 10) return digits + check;
        }
    }

    private static object Referral(string? bsn, string? onderwijsnummer) => new
    {
        child = new { bsn, onderwijsnummer, givenName = "Yara", familyName = "Osman", dateOfBirth = "2014-02-02", homeMunicipality = "GM0935" },
        supportNeeds = new[] { new { domain = "learning", description = "Arrived in August; learning Dutch." } },
        triedSoFar = "A newcomers' class since September.",
        urgency = "soon",
    };

    [Fact]
    public async Task A_child_known_by_onderwijsnummer_is_linked_to_its_BSN_and_keeps_one_case()
    {
        var school = await Demo.ClientAsync(platform.Gateway, Demo.School);
        var maastricht = await Demo.ClientAsync(platform.Gateway, Demo.Municipality);
        var number = NewOnderwijsnummer();
        var bsn = Demo.NewBsn();

        await Demo.ReadAsync(await school.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = new { onderwijsnummer = number, givenName = "Yara", familyName = "Osman", dateOfBirth = "2014-02-02", homeMunicipality = "GM0935" },
            kind = "long-term-relative",
            firstAbsentOn = Demo.LongTermAbsentSince,
        }, Ct), HttpStatusCode.Created);
        var referral = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/intake/referrals", Referral(null, number), Ct), HttpStatusCode.Created);
        var caseId = await Demo.CaseOfReferralAsync(school, referral);

        // The school, the referrer of the case, links the BSN in Intake: the case moves to the BSN's reference at once (and
        // Attendance re-keys the absence report when ChildIdentifiersLinked reaches it).
        await Demo.ReadAsync(await school.PostAsJsonAsync("/api/intake/child-links", new { onderwijsnummer = number, bsn }, Ct), HttpStatusCode.OK);

        // A referral by BSN now joins the child's one case; the school is involved, so it is told.
        var byBsn = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/intake/referrals", Referral(bsn, null), Ct), HttpStatusCode.Created);
        Assert.True(byBsn.GetProperty("linkedToExistingCase").GetBoolean());
        Assert.Equal(caseId, byBsn.GetProperty("caseId").GetGuid());
        // The municipality, which holds no record of this child in Intake, may not link it there.
        Assert.Equal(HttpStatusCode.NotFound, (await maastricht.PostAsJsonAsync("/api/intake/child-links", new { onderwijsnummer = NewOnderwijsnummer(), bsn }, Ct)).StatusCode);
    }

    [Theory]
    [InlineData("onderwijsnummer")]
    [InlineData("platformChildId")]
    public async Task A_child_without_BSN_goes_through_Attendance_Intake_and_Handover_and_its_BSN_joins_all_three(string kind)
    {
        var school = await Demo.ClientAsync(platform.Gateway, Demo.School);
        var receiver = await Demo.ClientAsync(platform.Gateway, "school-vo-college-parkstad");
        var bsn = Demo.NewBsn();

        // A newly arrived child: known to DUO by an onderwijsnummer, or with neither number, when the school has the
        // platform issue an id.
        var id = kind == "onderwijsnummer"
            ? NewOnderwijsnummer()
            : (await Demo.ReadAsync(await school.PostAsync("/api/attendance/children", null, Ct), HttpStatusCode.OK)).GetProperty("platformChildId").GetString()!;
        object Child(bool bsnKnown = false, bool withMunicipality = true) => (bsnKnown, kind, withMunicipality) switch
        {
            (true, _, _) => new { bsn, givenName = "Amir", familyName = "Haddad", dateOfBirth = "2015-05-05", homeMunicipality = "GM0935" },
            (_, "onderwijsnummer", true) => new { onderwijsnummer = id, givenName = "Amir", familyName = "Haddad", dateOfBirth = "2015-05-05", homeMunicipality = "GM0935" },
            (_, "onderwijsnummer", false) => new { onderwijsnummer = id, givenName = "Amir", familyName = "Haddad", dateOfBirth = "2015-05-05" },
            (_, _, true) => new { platformChildId = id, givenName = "Amir", familyName = "Haddad", dateOfBirth = "2015-05-05", homeMunicipality = "GM0935" },
            _ => (object)new { platformChildId = id, givenName = "Amir", familyName = "Haddad", dateOfBirth = "2015-05-05" },
        };

        // Attendance: long absence makes a thuiszitter case under the platform id.
        var report = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = Child(), kind = "long-term-relative", firstAbsentOn = Demo.LongTermAbsentSince,
        }, Ct), HttpStatusCode.Created);
        var thuiszitter = report.GetProperty("thuiszitterCaseId").GetGuid();

        // Intake: a referral and the parents' consent for support and the handover to College Parkstad.
        var referral = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/intake/referrals", new
        {
            child = Child(), supportNeeds = new[] { new { domain = "learning", description = "Learning Dutch; reads in Arabic." } },
            triedSoFar = "A newcomers' class.", urgency = "soon",
        }, Ct), HttpStatusCode.Created);
        var caseId = await Demo.CaseOfReferralAsync(school, referral);
        await Demo.ReadAsync(await school.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents", new
        {
            givenBy = new[] { "parents" }, parentalAuthorityCheckedIn = "gezagsregister",
            organisations = new[] { Demo.School, "school-vo-college-parkstad", Demo.Municipality }, purpose = "Support and the move to College Parkstad",
            purposes = new[] { "support", "handover" }, givenOn = Demo.Today.ToString("yyyy-MM-dd"),
            coordinator = new { organisationId = Demo.Municipality, name = "M. Janssen (wijkteam)" },
        }, Ct), HttpStatusCode.Created);

        // Handover: under that consent, by the same platform id; College Parkstad accepts.
        var handover = await Demo.StartHandoverAsync(school, new
        {
            child = Child(withMunicipality: false),
            switchMoment = "primary-to-secondary", receivingOrganisationId = "school-vo-college-parkstad",
            dueOn = Demo.Today.AddDays(14).ToString("yyyy-MM-dd"),
            dossier = new { educationalNeeds = "Dutch as a second language", supportNeeds = "A buddy", whatWorks = "Pictures with words" },
        });
        var handoverId = handover.GetProperty("id").GetGuid();
        await Demo.ReadAsync(await receiver.PostAsync($"/api/handover/handovers/{handoverId}/acceptance", null, Ct), HttpStatusCode.OK);

        // The BSN arrives; the school links it once, in Handover. ChildIdentifiersLinked re-keys Attendance and Intake.
        object link = kind == "onderwijsnummer" ? new { onderwijsnummer = id, bsn } : new { platformChildId = id, bsn };
        await Demo.ReadAsync(await school.PostAsJsonAsync("/api/handover/child-links", link, Ct), HttpStatusCode.OK);

        // ChildIdentifiersLinked re-keys Attendance and Intake: wait for its link row in each one's own database (the
        // positive signal; a report by BSN sent before it arrives would be a first report of an unknown child).
        await LinkArrivedAsync("attendancedb", "attendance", bsn);
        await LinkArrivedAsync("intakedb", "intake", bsn);

        // One child, one case, one history: a report by BSN joins the thuiszitter case, a referral by BSN the Intake
        // case, and the handover reads on for the receiving school.
        var byBsn = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = Child(bsnKnown: true), kind = "long-term-relative", firstAbsentOn = Demo.LongTermAbsentSince,
        }, Ct), HttpStatusCode.Created);
        Assert.Equal(thuiszitter, byBsn.GetProperty("thuiszitterCaseId").GetGuid());

        var referredAgain = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/intake/referrals", new
        {
            child = Child(bsnKnown: true), supportNeeds = new[] { new { domain = "learning", description = "Still learning Dutch." } },
            triedSoFar = "A newcomers' class.", urgency = "regular",
        }, Ct), HttpStatusCode.Created);
        Assert.Equal(caseId, referredAgain.GetProperty("caseId").GetGuid());
        Assert.True(referredAgain.GetProperty("linkedToExistingCase").GetBoolean());

        var read = await Demo.ReadAsync(await receiver.GetAsync($"/api/handover/handovers/{handoverId}", Ct), HttpStatusCode.OK);
        Assert.Equal("accepted", read.GetProperty("status").GetString());
    }

    /// <summary>Waits until the service's database holds the link to the BSN's reference that Handover published.</summary>
    private async Task LinkArrivedAsync(string database, string schema, string bsn)
    {
        await using var connection = new Npgsql.NpgsqlConnection(await platform.ConnectionStringAsync(database));
        await connection.OpenAsync(Ct);
        await Eventually.TrueAsync(async () =>
        {
            await using var command = new Npgsql.NpgsqlCommand(
                $"SELECT count(*) FROM {schema}.child_reference_links WHERE to_reference = @to AND linked_in = 'handover'", connection);
            command.Parameters.AddWithValue("to", Demo.ChildReference(bsn));
            return (long)(await command.ExecuteScalarAsync(Ct))! > 0;
        }, $"ChildIdentifiersLinked to reach {schema}", ct: Ct);
    }
}
