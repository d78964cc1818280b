using Platform.Attendance.Domain;

namespace Platform.Attendance.Apis;

/// <summary>Body of <c>POST /exemptions</c>. Article: 5a, 5b or 5c.</summary>
public sealed record GrantExemptionRequest(
    ChildRequest? Child, string? Article, DateOnly? StartsOn, StatementRequest? Statement, SwvAdviceRequest? SwvAdvice, string? Grounds);

/// <summary>The 5 sub a statement. Profession: doctor, pedagoog or psycholoog.</summary>
public sealed record StatementRequest(string? Profession, string? IssuedBy, DateOnly? IssuedOn, bool? TreatingProfessional, bool? Never);

public sealed record SwvAdviceRequest(string? SwvOrganisationId, DateOnly? AdvisedOn, string? Advice);

public sealed record ExemptionResponse(
    Guid Id, ChildResponse Child, string Article, DateOnly StartsOn, DateOnly EndsOn, DateOnly ReviewOn, ExpertStatement? Statement,
    SwvAdvice? SwvAdvice, string? Grounds, DateTimeOffset GrantedAt, DateTimeOffset? EndedAt)
{
    public static ExemptionResponse From(Exemption e) => new(
        e.Id, ChildResponse.From(e.Child), Exemption.Name(e.Article), e.StartsOn, e.EndsOn, e.ReviewOn, e.Statement, e.Advice, e.Grounds, e.GrantedAt, e.EndedAt);
}
