using Microsoft.Extensions.Options;
using Platform.Attendance.Domain;
using Platform.Attendance.Infrastructure;
using Platform.Jobs;
using Platform.ServiceDefaults;

namespace Platform.Attendance.Jobs;

/// <summary>Ends an exemption once its last day has passed, once (<see cref="DeadlineSweep{TDb, TEntity}"/>).</summary>
public sealed class ExemptionExpiryWatcher(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<AttendanceOptions> options, ILogger<ExemptionExpiryWatcher> logger)
    : DeadlineSweep<AttendanceDbContext, Exemption>(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.DeadlineWatcherEnabled;
    protected override TimeSpan Interval => options.Value.DeadlineCheckInterval;

    protected override string Table => "attendance.exemptions";

    protected override FormattableString DueWhere(DateTimeOffset now) => $"ended_at IS NULL AND ends_on < {DutchTime.DateOf(now)}";

    protected override int Act(Exemption exemption, DateTimeOffset now)
    {
        if (!exemption.HasExpired(DutchTime.DateOf(now))) return 0;
        exemption.End(now);
        return 1;
    }
}
