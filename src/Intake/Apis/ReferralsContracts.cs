using Platform.Intake.Domain;

namespace Platform.Intake.Apis;

/// <summary>Body of <c>POST /api/intake/referrals</c>. Strings for enums, so a wrong value is named in the 400.</summary>
public sealed record SubmitReferralRequest(
    ChildRequest? Child,
    IReadOnlyList<SupportNeedRequest>? SupportNeeds,
    string? TriedSoFar,
    string? Urgency,
    string? ParentsView,
    string? ChildsView);

/// <summary>
/// The referred child: exactly one of <c>bsn</c>, <c>onderwijsnummer</c> (DUO's number for a pupil without BSN) or
/// <c>platformChildId</c> (issued by <c>POST /api/intake/children</c>), ADR-0015.
/// </summary>
public sealed record ChildRequest(string? Bsn, string? GivenName, string? FamilyName, DateOnly? DateOfBirth, string? HomeMunicipality,
    string? Onderwijsnummer = null, string? PlatformChildId = null);

/// <summary>Domain: learning, social-emotional, home-situation, health-development or attendance.</summary>
public sealed record SupportNeedRequest(string? Domain, string? Description);

/// <param name="CaseId">
/// The child's case, only for an organisation that may open it. In the answer to the POST only for an
/// organisation already involved in the case before this referral: no one learns from it whether a
/// child is known (#25); the referrer of a new case reads it back from <c>GET /referrals/{id}</c>.
/// </param>
/// <param name="LinkedToExistingCase">True only in the POST's answer to an organisation already involved in the child's case.</param>
public sealed record ReferralResponse(
    Guid Id,
    ChildResponse Child,
    IReadOnlyList<SupportNeedResponse> SupportNeeds,
    string TriedSoFar,
    string Urgency,
    string? ParentsView,
    string? ChildsView,
    string ReferringOrganisationId,
    DateTimeOffset SubmittedAt,
    Guid? CaseId,
    bool LinkedToExistingCase)
{
    /// <param name="withBsn">False for a samenwerkingsverband, which never receives a BSN (RULES.md §4, §6).</param>
    public static ReferralResponse From(Referral r, bool caseVisible, bool withBsn) => new(
        r.Id,
        ChildResponse.From(r.Child, withBsn),
        [.. r.SupportNeeds.Select(n => new SupportNeedResponse(n.Domain.Name(), n.Description))],
        r.TriedSoFar, r.Urgency.Name(), r.ParentsView, r.ChildsView, r.ReferringOrganisationId, r.SubmittedAt,
        caseVisible ? r.CaseId : null, LinkedToExistingCase: false);
}

/// <param name="Bsn">Left out (null) for organisations that may not process it.</param>
/// <param name="Onderwijsnummer">For a child without BSN registered by it (ADR-0015); left out as the BSN is.</param>
/// <param name="PlatformChildId">For a child with neither (ADR-0015); left out as the BSN is.</param>
public sealed record ChildResponse(string? Bsn, string GivenName, string FamilyName, DateOnly DateOfBirth, string HomeMunicipality,
    string? Onderwijsnummer = null, string? PlatformChildId = null)
{
    public static ChildResponse From(Child c, bool withBsn) => new(withBsn ? c.Bsn : null, c.GivenName, c.FamilyName, c.DateOfBirth, c.HomeMunicipality,
        withBsn ? c.Onderwijsnummer : null, withBsn ? c.PlatformChildId : null);
}

public sealed record SupportNeedResponse(string Domain, string Description);
