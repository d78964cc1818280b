using Platform.Attendance.Domain;

namespace Platform.Attendance.Apis;

/// <summary>Body of <c>POST /absence-reports</c>. Kind: unauthorised, long-term-relative, long-term-sickness, luxury, other.</summary>
public sealed record SubmitAbsenceRequest(ChildRequest? Child, string? Kind, DateOnly? FirstAbsentOn, DateOnly? LastAbsentOn, int? Hours);

public sealed record AbsenceReportResponse(
    Guid Id, ChildResponse Child, string SchoolOrganisationId, string Kind, DateOnly FirstAbsentOn, DateOnly? LastAbsentOn,
    int? Hours, string Status, DateTimeOffset ReportedAt, Guid? ThuiszitterCaseId)
{
    public static AbsenceReportResponse From(AbsenceReport r, Guid? caseId = null) => new(
        r.Id, ChildResponse.From(r.Child), r.SchoolOrganisationId, r.Kind.Name(), r.FirstAbsentOn, r.LastAbsentOn, r.Hours,
        r.Status.Name(), r.ReportedAt, caseId);
}

/// <summary>Body of a closure: <c>lastAbsentOn</c>, the end date, is required for long-term relative absence that has none yet (RULES.md §1).</summary>
public sealed record CloseReportRequest(string? Note, DateOnly? LastAbsentOn = null);
