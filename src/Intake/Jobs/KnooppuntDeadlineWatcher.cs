using Microsoft.Extensions.Options;
using Platform.Intake.Domain.Cases;
using Platform.Intake.Infrastructure;
using Platform.Jobs;
using Platform.ServiceDefaults;

namespace Platform.Intake.Jobs;

/// <summary>
/// Raises <c>KnooppuntOverdue</c> for every open case whose knooppunt deadline passed without a
/// meeting held, once per case (<see cref="DeadlineSweep{TDb, TEntity}"/>).
/// </summary>
public sealed class KnooppuntDeadlineWatcher(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<IntakeOptions> options, ILogger<KnooppuntDeadlineWatcher> logger)
    : DeadlineSweep<IntakeDbContext, Case>(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.DeadlineWatcherEnabled;
    protected override TimeSpan Interval => options.Value.DeadlineCheckInterval;

    protected override string Table => "intake.cases";
    protected override string OrderBy => "knooppunt_due_on";

    protected override FormattableString DueWhere(DateTimeOffset now) => $"""
        status IN ('Open', 'PlanAgreed') AND knooppunt_due_on < {DutchTime.DateOf(now)}
        AND knooppunt_overdue_raised_at IS NULL AND first_knooppunt_held_on IS NULL
        """;

    protected override int Act(Case @case, DateTimeOffset now)
    {
        if (!@case.IsKnooppuntOverdue(DutchTime.DateOf(now))) return 0;
        @case.RaiseKnooppuntOverdue(now);
        return 1;
    }

    /// <summary>One pass; returns how many cases were found overdue. Public for tests and tools.</summary>
    public Task<int> CheckAsync(CancellationToken ct) => RunOnceAsync(ct);
}
