namespace Platform.Intake.Apis;

/// <summary>Body of <c>POST /api/intake/referrals</c>. Strings for enums, so a wrong value is named in the 400.</summary>
public sealed record SubmitReferralRequest(
    ChildRequest? Child,
    IReadOnlyList<SupportNeedRequest>? SupportNeeds,
    string? TriedSoFar,
    string? Urgency,
    string? ParentsView,
    string? ChildsView);

public sealed record ChildRequest(string? Bsn, string? GivenName, string? FamilyName, DateOnly? DateOfBirth, string? HomeMunicipality);

/// <summary>Domain: learning, social-emotional, home-situation, health-development or attendance.</summary>
public sealed record SupportNeedRequest(string? Domain, string? Description);
