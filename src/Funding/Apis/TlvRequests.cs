namespace Platform.Funding.Apis;

/// <summary>Body of <c>POST /tlvs</c>: a school asks for a TLV for a child of an Intake case. No child details: the case names the child.</summary>
public sealed record RequestTlvRequest(
    Guid? CaseId, string? SchoolLocationId, string? Kind, string? ReceivingLocationId, string? Substantiation, string? ParentsView);

/// <summary>Body of <c>POST /tlvs/{id}/experts</c>: the SWV asks an organisation for an advice.</summary>
public sealed record InviteExpertRequest(string? OrganisationId, string? Profession);

/// <summary>Body of <c>POST /tlvs/{id}/advices</c>: an invited expert's written advice.</summary>
public sealed record GiveAdviceRequest(string? ExpertName, string? Profession, string? Advice, string? Summary, DateOnly? GivenOn);

/// <summary>Body of <c>POST /tlvs/{id}/decision</c>: the SWV grants (kind, category, validity) or refuses, with the parents' view and reasons.</summary>
public sealed record DecideTlvRequest(
    string? Outcome, string? Kind, string? Category, string? ReceivingLocationId, DateOnly? ValidFrom, DateOnly? ValidUntil,
    string? ParentsView, string? Reasons);
