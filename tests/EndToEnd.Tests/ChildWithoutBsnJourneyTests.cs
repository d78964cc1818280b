using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// #23 point 4 (ADR-0015, RULES.md §6): a newly arrived child without BSN is reported absent by its onderwijsnummer and
/// referred in Intake by it; once the school links the BSN, a referral by BSN joins the child's one case.
/// Added without being run here (the end-to-end suite is the lead's).
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
}
