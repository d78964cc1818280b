using Platform.Intake.Domain;

namespace Platform.Intake.Apis;

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
    public static ReferralResponse From(Referral r) => new(
        r.Id,
        new ChildResponse(r.Child.Bsn, r.Child.GivenName, r.Child.FamilyName, r.Child.DateOfBirth, r.Child.HomeMunicipality),
        [.. r.SupportNeeds.Select(n => new SupportNeedResponse(n.Domain.Name(), n.Description))],
        r.TriedSoFar, r.Urgency.Name(), r.ParentsView, r.ChildsView, r.ReferringOrganisationId, r.SubmittedAt,
        r.CaseId, LinkedToExistingCase: false);
}

/// <param name="Bsn">Left out (null) for organisations that may not process it.</param>
public sealed record ChildResponse(string? Bsn, string GivenName, string FamilyName, DateOnly DateOfBirth, string HomeMunicipality);

public sealed record SupportNeedResponse(string Domain, string Description);
