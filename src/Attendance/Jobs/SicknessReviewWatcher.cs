using Microsoft.Extensions.Options;
using Platform.Attendance.Domain;
using Platform.Attendance.Infrastructure;
using Platform.Jobs;
using Platform.ServiceDefaults;

namespace Platform.Attendance.Jobs;

/// <summary>
/// The grey zone (RULES.md §2): an open long-term sickness report whose review date has come raises
/// <c>LongTermSicknessReviewDue</c>, once per review date (<see cref="DeadlineSweep{TDb, TEntity}"/>).
/// </summary>
public sealed class SicknessReviewWatcher(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<AttendanceOptions> options, ILogger<SicknessReviewWatcher> logger)
    : DeadlineSweep<AttendanceDbContext, AbsenceReport>(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.DeadlineWatcherEnabled;
    protected override TimeSpan Interval => options.Value.DeadlineCheckInterval;

    protected override string Table => "attendance.absence_reports";

    protected override FormattableString DueWhere(DateTimeOffset now) =>
        $"kind = 'LongTermSickness' AND status IN ('Registered', 'InProgress') AND review_due_raised_at IS NULL AND review_on <= {DutchTime.DateOf(now)}";

    protected override int Act(AbsenceReport report, DateTimeOffset now)
    {
        if (!report.IsReviewDue(DutchTime.DateOf(now))) return 0;
        report.RaiseReviewDue(now);
        return 1;
    }
}
