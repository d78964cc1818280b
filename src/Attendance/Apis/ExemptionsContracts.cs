using Platform.Attendance.Domain;

namespace Platform.Attendance.Apis;

/// <summary>Body of <c>POST /exemptions</c>. Article: 5a, 5b or 5c.</summary>
public sealed record GrantExemptionRequest(
    ChildRequest? Child, string? Article, DateOnly? StartsOn, StatementRequest? Statement, SwvAdviceRequest? SwvAdvice, string? Grounds);

/// <summary>The 5 sub a statement. Profession: doctor, pedagoog or psycholoog.</summary>
public sealed record StatementRequest(string? Profession, string? IssuedBy, DateOnly? IssuedOn, bool? TreatingProfessional, bool? Never);

public sealed record SwvAdviceRequest(string? SwvOrganisationId, DateOnly? AdvisedOn, string? Advice);

/// <summary>Body of a renewal notice (before 1 July): for 5 sub a a new statement (and the SWV's advice where the region asks it); for 5 sub b/c the grounds, by default the previous ones.</summary>
public sealed record RenewExemptionRequest(StatementRequest? Statement, SwvAdviceRequest? SwvAdvice, string? Grounds);

/// <summary>Outcome of the absolute-absence check: enrolled, absolute-verzuim (opens a thuiszitter case) or moved-away.</summary>
public sealed record CloseCheckRequest(string? Outcome, string? Note);

/// <summary>
/// An exemption. <c>status</c>: active, renewal-due (the renewal reminder was raised: the officer's task), renewed, check-open (lapsed
/// without renewal: check for absoluut verzuim) or ended. <c>reviewOn</c>: renew before this day (1 July); <c>renewalReminderOn</c>:
/// when the reminder is raised (none when no renewal is needed).
/// </summary>
public sealed record ExemptionResponse(
    Guid Id, ChildResponse Child, string Article, DateOnly StartsOn, DateOnly EndsOn, DateOnly ReviewOn, ExpertStatement? Statement,
    SwvAdvice? SwvAdvice, string? Grounds, DateTimeOffset GrantedAt, DateTimeOffset? EndedAt,
    string Status, DateOnly? RenewalReminderOn, Guid? RenewalOfId, Guid? RenewedById, DateTimeOffset? CheckOpenedAt, string? CheckOutcome,
    DateTimeOffset? CheckClosedAt, Guid? ThuiszitterCaseId = null)
{
    public static ExemptionResponse From(Exemption e) => From(e, null);

    public static ExemptionResponse From(Exemption e, Guid? caseId) => new(
        e.Id, ChildResponse.From(e.Child), Exemption.Name(e.Article), e.StartsOn, e.EndsOn, e.ReviewOn, e.Statement, e.Advice, e.Grounds, e.GrantedAt, e.EndedAt,
        e.Status, e.RenewalReminderOn, e.RenewalOfId, e.RenewedById, e.CheckOpenedAt, e.CheckOutcome, e.CheckClosedAt, caseId);
}
