using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Jobs;

/// <summary>
/// The durable timer every service uses: the deadline is a column, so it survives restarts. A pass
/// claims the due rows with <c>FOR UPDATE SKIP LOCKED</c> (replicas share the rows and never act on
/// one twice), loads them, lets the domain act on each, and saves in the same transaction: the
/// raise (with its event in the outbox) commits together with its "raised" mark, so it fires once.
/// A subclass says only what is due (<see cref="DueWhere"/>) and what to do (<see cref="Act"/>).
/// </summary>
public abstract partial class DeadlineSweep<TDb, TEntity>(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger)
    : PeriodicWork(clock, logger) where TDb : DbContext where TEntity : class
{
    /// <summary>Rows claimed per pass; the rest wait for the next pass.</summary>
    public const int BatchSize = 100;

    /// <summary>The entity's table, schema-qualified (<c>intake.cases</c>); its key column is <c>id</c>.</summary>
    protected abstract string Table { get; }

    /// <summary>The SQL condition of a due row; parameters are interpolated, as in <c>SqlQuery</c>.</summary>
    protected abstract FormattableString DueWhere(DateTimeOffset now);

    /// <summary>An optional SQL <c>ORDER BY</c> list: which due rows go first when more than a batch is due.</summary>
    protected virtual string? OrderBy => null;

    /// <summary>Acts on one claimed row; returns how many things fired for it (0 when it is not due after all).</summary>
    protected abstract int Act(TEntity entity, DateTimeOffset now);

    protected override bool TracesItsWork => true;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        var fired = await db.Database.CreateExecutionStrategy().ExecuteAsync(ct, token => SweepAsync(db, token));
        if (fired > 0) LogFired(Logger, GetType().Name, fired);
        return fired;
    }

    /// <summary>One attempt, in one transaction; a retried attempt reads the rows again on a fresh change tracker.</summary>
    private async Task<int> SweepAsync(TDb db, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        using var quiet = JobTelemetry.Quiet();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = Clock.GetUtcNow();
        var ids = await db.Database.SqlQuery<Guid>(ClaimDue(now)).ToListAsync(ct);
        if (ids.Count == 0)
        {
            JobMetrics.SweepFound(GetType().Name, 0, 0);
            return 0;
        }

        // Work found: from here on the pass is traced, its loads, saves and raised events under its span.
        using var work = JobTelemetry.StartWork(GetType().Name, ids.Count);
        var entities = await db.Set<TEntity>().Where(e => ids.Contains(EF.Property<Guid>(e, "Id"))).ToListAsync(ct);
        var fired = entities.Sum(entity => Act(entity, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        JobMetrics.SweepFound(GetType().Name, ids.Count, fired);
        work.Activity?.SetTag("job.fired", fired);
        return fired;
    }

    private FormattableString ClaimDue(DateTimeOffset now)
    {
        var due = DueWhere(now);
        var order = OrderBy is null ? "" : $" ORDER BY {OrderBy}";
        // The caller's condition keeps its own parameters; the lock clause is the same for every deadline.
        return FormattableStringFactory.Create(
            $"SELECT id AS \"Value\" FROM {Table} WHERE ({due.Format}){order} LIMIT {BatchSize} FOR UPDATE SKIP LOCKED",
            due.GetArguments());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Job}: {Count} deadlines fired.")]
    private static partial void LogFired(ILogger logger, string job, int count);
}
