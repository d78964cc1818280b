using Microsoft.Extensions.Options;
using Platform.Attendance.Domain;
using Platform.Attendance.Infrastructure;
using Platform.Jobs;
using Platform.ServiceDefaults;

namespace Platform.Attendance.Jobs;

/// <summary>
/// An exemption's two dates (RULES.md §3), each acted on once (<see cref="DeadlineSweep{TDb, TEntity}"/>): the renewal reminder
/// (default 1 May, before the 1 July deadline), and its last day, after which it ends; without a renewal, while the child is still
/// of compulsory school age, it opens the absolute-absence check.
/// </summary>
public sealed class ExemptionExpiryWatcher(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<AttendanceOptions> options, ILogger<ExemptionExpiryWatcher> logger)
    : DeadlineSweep<AttendanceDbContext, Exemption>(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.DeadlineWatcherEnabled;
    protected override TimeSpan Interval => options.Value.DeadlineCheckInterval;

    protected override string Table => "attendance.exemptions";

    protected override FormattableString DueWhere(DateTimeOffset now)
    {
        var today = DutchTime.DateOf(now);
        return $"""
            ended_at IS NULL AND (ends_on < {today}
              OR (renewal_reminder_on <= {today} AND renewal_reminder_raised_at IS NULL AND renewed_by_id IS NULL))
            """;
    }

    protected override int Act(Exemption exemption, DateTimeOffset now)
    {
        var today = DutchTime.DateOf(now);
        var fired = 0;
        // A reminder missed while the service was down still goes out before the end (a late reminder beats none).
        if (exemption.IsRenewalReminderDue(today)) { exemption.RaiseRenewalReminder(now); fired++; }
        if (exemption.HasExpired(today)) { exemption.Expire(now); fired++; }
        return fired;
    }
}
