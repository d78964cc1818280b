using Platform.Messaging;
using Platform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Intake.Domain;
using Platform.Intake.Domain.Cases;
using Platform.Intake.Infrastructure;

namespace Platform.Intake.Deadlines;

/// <summary>
/// Raises <c>KnooppuntOverdue</c> for every open case whose knooppunt deadline passed without a
/// meeting held. The deadline lives in the case row, so it survives restarts; replicas share the
/// work safely (<c>FOR UPDATE SKIP LOCKED</c>), and each case is raised once.
/// </summary>
public sealed partial class KnooppuntDeadlineWatcher(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<IntakeOptions> options, ILogger<KnooppuntDeadlineWatcher> logger)
    : PeriodicWork(clock, logger)
{
    protected override bool Enabled => options.Value.DeadlineWatcherEnabled;
    protected override TimeSpan Interval => options.Value.DeadlineCheckInterval;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var raised = await CheckAsync(ct);
        if (raised > 0) LogRaised(Logger, raised);
        return raised;
    }

    /// <summary>One pass; returns how many cases were found overdue. Public for tests and tools.</summary>
    public async Task<int> CheckAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        return await db.InTransactionAsync(async token =>
        {
            var today = DutchTime.Today(Clock);
            var ids = await db.Database.SqlQuery<Guid>($"""
                SELECT id AS "Value" FROM intake.cases
                WHERE status IN ('Open', 'PlanAgreed') AND knooppunt_due_on < {today}
                  AND knooppunt_overdue_raised_at IS NULL AND first_knooppunt_held_on IS NULL
                ORDER BY knooppunt_due_on LIMIT 100
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(token);
            if (ids.Count == 0) return 0;

            var cases = await db.Cases.Where(c => ids.Contains(c.Id)).ToListAsync(token);
            var now = Clock.GetUtcNow();
            foreach (var overdue in cases.Where(c => c.IsKnooppuntOverdue(today))) overdue.RaiseKnooppuntOverdue(now);
            return cases.Count;
        }, ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Knooppunt deadline passed for {Count} cases; coordinators are told.")]
    private static partial void LogRaised(ILogger logger, int count);

}
