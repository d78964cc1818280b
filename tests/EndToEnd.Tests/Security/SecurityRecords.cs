using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEnd.Tests.Security;

/// <summary>
/// One record of every kind, owned by organisations that are not among the <see cref="Representatives"/>:
/// a case referred by De Linde with Maastricht as coordinator, its consent and knooppunt, an arrangement
/// drafted by SWV PO Maastricht-Heuvelland, a TLV, an absence report with its thuiszitter case, a handover
/// to VSO De Berg, a subscription, an exemption Maastricht granted (for another child), and De Linde's zorgplicht application
/// and OPP record for the child (#24 points 1, 2), and a dispute about a removal from De Linde (#24 point 4). Made once per
/// platform, through the gateway.
/// </summary>
internal sealed record SecurityRecords(
    Guid Referral, Guid Case, Guid Consent, Guid Knooppunt, Guid Arrangement, Guid Tlv, Guid AbsenceReport, Guid Thuiszitter,
    Guid Handover, Guid CareItem, Guid Subscription, Guid Exemption, Guid LeaveRequest, Guid ZorgplichtApplication, Guid Opp, Guid Dispute)
{
    /// <summary>The child of these records, whose family consented to a handover from De Linde to VSO De Berg (#25 point 3).</summary>
    public string ChildBsn { get; init; } = "";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static SecurityRecords? _made;

    public static async Task<SecurityRecords> OfAsync(PlatformFixture platform, CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            return _made ??= await MakeAsync(platform.Gateway, ct);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<SecurityRecords> MakeAsync(HttpClient gateway, CancellationToken ct)
    {
        var school = await Demo.ClientAsync(gateway, Demo.School);
        var maastricht = await Demo.ClientAsync(gateway, Demo.Municipality);
        var swv = await Demo.ClientAsync(gateway, Demo.Swv);
        var today = Demo.Today.ToString("yyyy-MM-dd");
        var bsn = Demo.NewBsn();
        var child = new { bsn, givenName = "Isa", familyName = "Lemmens", dateOfBirth = "2016-03-14", homeMunicipality = "GM0935" };

        var referral = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/intake/referrals", new
        {
            child, supportNeeds = new[] { new { domain = "learning", description = "Reads well below age level." } },
            triedSoFar = "Extra reading support in class.", urgency = "soon",
        }, ct), HttpStatusCode.Created);
        var caseId = await Demo.CaseOfReferralAsync(school, referral);
        var consent = await Demo.ReadAsync(await school.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents", new
        {
            givenBy = new[] { "parents" }, parentalAuthorityCheckedIn = "gezagsregister",
            // VSO De Berg is named for the handover to it (#25 point 3: a handover starts only under a consent naming both schools).
            organisations = new[] { Demo.School, Demo.Municipality, Demo.Swv, "school-vso-de-berg" }, purpose = "Support around Isa, a TLV if needed, the move to VSO",
            purposes = new[] { "support", "tlv", "handover", "arrangement" }, givenOn = today,
            coordinator = new { organisationId = Demo.Municipality, name = "M. Janssen (wijkteam)" },
        }, ct), HttpStatusCode.Created);
        var knooppunt = await Demo.ReadAsync(await maastricht.PostAsJsonAsync($"/api/intake/cases/{caseId}/knooppunten", new
        {
            scheduledOn = Demo.Today.AddDays(3).ToString("yyyy-MM-dd"), participants = new[] { Demo.School, Demo.Municipality }, parentsInvited = true,
        }, ct), HttpStatusCode.Created);

        await Demo.FundersHoldBudgetsAsync(swv, maastricht);
        var arrangement = await Demo.ReadAsync(await swv.PostAsJsonAsync("/api/funding/arrangements", Demo.CollectiveAtDeLinde(places: 4), ct), HttpStatusCode.Created);

        var tlv = await Demo.RequestTlvAsync(school, caseId, "Two years of extra support; still far behind.");
        // The TLV request waited for the consent to reach Funding: the zorgplicht application and the OPP record need it too.
        var zorgplicht = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/funding/zorgplicht-applications", new
        {
            caseId, schoolLocationId = "27DL00", receivedOn = today, compulsorySchoolAge = true, hasPlaceElsewhere = false,
        }, ct), HttpStatusCode.Created);
        var opp = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/funding/opps", new
        {
            caseId, schoolLocationId = "27DL00", enrolledOn = today, extraSupport = true,
        }, ct), HttpStatusCode.Created);
        var dispute = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/funding/disputes", new
        {
            caseId, subject = "removal", schoolLocationId = "27DL00", disputedDecisionOn = today, filedOn = today,
        }, ct), HttpStatusCode.Created);

        var report = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child, kind = "long-term-relative", firstAbsentOn = Demo.LongTermAbsentSince,
        }, ct), HttpStatusCode.Created);
        var handover = await Demo.StartHandoverAsync(school, new
        {
            child = new { bsn, child.givenName, child.familyName, child.dateOfBirth },
            switchMoment = "primary-to-so", receivingOrganisationId = "school-vso-de-berg", dueOn = Demo.Today.AddDays(20).ToString("yyyy-MM-dd"),
            dossier = new { educationalNeeds = "Small steps", supportNeeds = "A fixed mentor", whatWorks = "A day plan" },
            youthCare = new[] { new { description = "Jeugdhulp: weekly sessions" } },
        });
        var subscription = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/subscriptions/subscriptions", new
        {
            callbackUrl = "http://127.0.0.1:9/notifications/", channels = new[] { "cases" }, eventTypes = new[] { "CaseOpened" },
        }, ct), HttpStatusCode.Created);

        var exemption = await Demo.ReadAsync(await maastricht.PostAsJsonAsync("/api/attendance/exemptions", new
        {
            child = new { bsn = Demo.NewBsn(), givenName = "Noor", familyName = "Willems", dateOfBirth = "2014-09-02", homeMunicipality = "GM0935" },
            article = "5c", startsOn = today, grounds = "Enrolled at a school in Liège",
        }, ct), HttpStatusCode.Created);

        // Art. 14 leave over two months: more than 10 school days whatever the holidays, so Maastricht's officers decide it.
        var leave = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/attendance/leave-requests", new
        {
            child = new { bsn = Demo.NewBsn(), givenName = "Noor", familyName = "Willems", dateOfBirth = "2014-09-02", homeMunicipality = "GM0935" },
            article = "14", firstDay = Demo.Today.AddDays(1).ToString("yyyy-MM-dd"), lastDay = Demo.Today.AddDays(60).ToString("yyyy-MM-dd"),
            reason = "A family member's long treatment abroad",
        }, ct), HttpStatusCode.Created);

        return new SecurityRecords(Id(referral, "id"), caseId, Id(consent, "id"), Id(knooppunt, "id"), Id(arrangement, "id"), tlv,
            Id(report, "id"), Id(report, "thuiszitterCaseId"), Id(handover, "id"), Id(handover.GetProperty("care")[0], "id"), Id(subscription.GetProperty("subscription"), "id"),
            Id(exemption, "id"), Id(leave, "id"), Id(zorgplicht, "id"), Id(opp, "id"), Id(dispute, "id")) { ChildBsn = bsn };
    }

    private static Guid Id(JsonElement answer, string property) =>
        answer.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetGuid()
            : throw new InvalidOperationException($"No '{property}' in {answer}");

    /// <summary>The path with every placeholder filled from these records; an endpoint without a record to use fails loudly.</summary>
    public string Fill(string template) => System.Text.RegularExpressions.Regex.Replace(template, @"\{(\w+)\}", m => Value(template, m.Groups[1].Value));

    private string Value(string template, string name) => name switch
    {
        "consentId" => Consent.ToString(),
        "knooppuntId" => Knooppunt.ToString(),
        "careItemId" => CareItem.ToString(),
        "deliveryId" => Guid.NewGuid().ToString(),
        "year" => Demo.Today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "line" => "education-support",
        "code" => "GM0935",
        "schoolYear" => "2026-2027",
        "role" => "wijkteam",
        "date" => "2030-01-07", // a school's day off no representative recorded
        // A demo expert the region's keepers registered: everyone reads it; an SWV may not change a person it did not
        // register (403), the keeper's empty PUT stops at validation.
        "personId" => "horizon-b-peters",
        "id" => template switch
        {
            _ when template.StartsWith("/api/intake/referrals/", StringComparison.Ordinal) => Referral.ToString(),
            _ when template.StartsWith("/api/intake/cases/", StringComparison.Ordinal) => Case.ToString(),
            _ when template.StartsWith("/api/funding/arrangements/", StringComparison.Ordinal) => Arrangement.ToString(),
            _ when template.StartsWith("/api/funding/tlvs/", StringComparison.Ordinal) => Tlv.ToString(),
            _ when template.StartsWith("/api/funding/zorgplicht-applications/", StringComparison.Ordinal) => ZorgplichtApplication.ToString(),
            _ when template.StartsWith("/api/funding/opps/", StringComparison.Ordinal) => Opp.ToString(),
            _ when template.StartsWith("/api/funding/disputes/", StringComparison.Ordinal) => Dispute.ToString(),
            _ when template.StartsWith("/api/attendance/absence-reports/", StringComparison.Ordinal) => AbsenceReport.ToString(),
            _ when template.StartsWith("/api/attendance/thuiszitters/", StringComparison.Ordinal) => Thuiszitter.ToString(),
            _ when template.StartsWith("/api/attendance/exemptions/", StringComparison.Ordinal) => Exemption.ToString(),
            _ when template.StartsWith("/api/attendance/leave-requests/", StringComparison.Ordinal) => LeaveRequest.ToString(),
            _ when template.StartsWith("/api/handover/handovers/", StringComparison.Ordinal) => Handover.ToString(),
            _ when template.StartsWith("/api/subscriptions/subscriptions/", StringComparison.Ordinal) => Subscription.ToString(),
            _ when template.StartsWith("/api/directory/sub-regions/", StringComparison.Ordinal) => "maastricht-heuvelland",
            _ when template.StartsWith("/api/directory/organisations/", StringComparison.Ordinal) => Demo.School,
            _ when template.StartsWith("/api/directory/boards/", StringComparison.Ordinal) => "stichting-kindante",
            // A location no journey relies on: the region's allowed DELETE of a contact really removes it.
            _ when template.Contains("/contacts/", StringComparison.Ordinal) => "23DW00",
            _ when template.StartsWith("/api/directory/locations/", StringComparison.Ordinal) => "27DL00",
            _ => throw new InvalidOperationException($"No record for {{id}} in {template}: add one to SecurityRecords."),
        },
        _ => throw new InvalidOperationException($"No value for {{{name}}} in {template}: add one to SecurityRecords."),
    };
}
