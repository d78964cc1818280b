using Platform.Attendance.Domain;

namespace Platform.Attendance.Apis;

/// <summary>
/// Body of <c>POST /absence-reports</c>. Kind: unauthorised, long-term-relative, long-term-sickness, luxury, other, rmc, suspension.
/// <c>doubt</c>: why a suspension (required) or sickness (overig verzuim) is doubted. <c>reviewOn</c> and <c>partlyAbleUnderPlan</c>:
/// long-term sickness only (the grey zone).
/// </summary>
public sealed record SubmitAbsenceRequest(
    ChildRequest? Child, string? Kind, DateOnly? FirstAbsentOn, DateOnly? LastAbsentOn, int? Hours,
    string? Doubt = null, DateOnly? ReviewOn = null, bool? PartlyAbleUnderPlan = null);

/// <summary>
/// An absence report. 16-hour reports (unauthorised): <c>reportDueOn</c> (5 working days after the 16 hours were reached),
/// <c>reportedLate</c> (made after it: accepted, flagged, counted), <c>repeatOfId</c>/<c>repeatNumber</c> (continuous absence
/// reported again, 1-4). Luxe verzuim: <c>leaveRequestId</c>, the leave request for these days that was not granted.
/// </summary>
public sealed record AbsenceReportResponse(
    Guid Id, ChildResponse Child, string SchoolOrganisationId, string Kind, DateOnly FirstAbsentOn, DateOnly? LastAbsentOn,
    int? Hours, string Status, DateTimeOffset ReportedAt, Guid? ThuiszitterCaseId,
    string RoutedToMunicipality, string? Doubt, DateOnly? ReviewOn, bool PartlyAbleUnderPlan,
    DateOnly? ReportDueOn, bool ReportedLate, Guid? RepeatOfId, int RepeatNumber, Guid? LeaveRequestId)
{
    public static AbsenceReportResponse From(AbsenceReport r, Guid? caseId = null) => new(
        r.Id, ChildResponse.From(r.Child), r.SchoolOrganisationId, r.Kind.Name(), r.FirstAbsentOn, r.LastAbsentOn, r.Hours,
        r.Status.Name(), r.ReportedAt, caseId, r.RoutedTo, r.Doubt, r.ReviewOn, r.PartlyAbleUnderPlan,
        r.ReportDueOn, r.ReportedLate, r.RepeatOfId, r.RepeatNumber, r.LeaveRequestId);
}

/// <summary>Body of an acknowledgement (DUO: Ter kennisgeving aangenomen).</summary>
public sealed record AcknowledgeReportRequest(string? Note);

/// <summary>Body of a long-term sickness review: the next review date; whether the child can now attend partly under a plan.</summary>
public sealed record ReviewSicknessRequest(DateOnly? NextReviewOn, bool? PartlyAbleUnderPlan, string? Note);

/// <summary>Body of a closure: <c>lastAbsentOn</c>, the end date, is required for long-term relative absence that has none yet (RULES.md §1).</summary>
public sealed record CloseReportRequest(string? Note, DateOnly? LastAbsentOn = null);
