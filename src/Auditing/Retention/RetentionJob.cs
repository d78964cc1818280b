using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Contracts.Audit;
using Platform.Jobs;
using Platform.Messaging;
using Platform.Messaging.Outbox;

namespace Platform.Auditing.Retention;

/// <summary>
/// Erases a service's child-level records once their retention term has passed (RULES.md §6), in
/// small transactions: each erased record gets its own line in the access log (action <c>erase</c>,
/// purpose <c>retention</c>), staged in the same transaction as the deletion, and each rule's run
/// gets a line with its count and cutoff, even when nothing was due. So the log shows both that the
/// job ran and what it removed.
/// </summary>
public abstract partial class RetentionJob<TDbContext>(
    IServiceScopeFactory scopes, IOptions<RetentionOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger logger)
    : PeriodicWork(clock, logger) where TDbContext : DbContext
{
    protected override bool Enabled => options.Value.Enabled;
    protected override TimeSpan Interval => options.Value.Interval;

    protected abstract IReadOnlyList<RetentionRule<TDbContext>> Rules { get; }

    /// <summary>The term in force for <paramref name="rule"/>: the region's setting, else the rule's legal default.</summary>
    public int YearsFor(RetentionRule<TDbContext> rule) =>
        options.Value.Years.TryGetValue(rule.RecordType, out var years) && years > 0 ? years : rule.DefaultYears;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var service = environment.ApplicationName.ToLowerInvariant();
        var total = 0;
        foreach (var rule in Rules)
        {
            var now = Clock.GetUtcNow();
            var cutoff = now.AddYears(-YearsFor(rule));
            var erased = 0;
            while (true)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
                var batch = await db.InTransactionAsync(async token =>
                {
                    var records = await rule.Erase(db, new RetentionBatch(cutoff, now, options.Value.BatchSize), token);
                    foreach (var record in records)
                        db.AddIntegrationEvent(Line(service, AuditActions.Erase, rule.RecordType, record.RecordId, record.ChildReference, null, now), Clock);
                    return records.Count;
                }, ct);
                erased += batch;
                if (batch < options.Value.BatchSize) break;
            }
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
                db.AddIntegrationEvent(Line(service, AuditActions.Erase, "retention-run", erased.ToString(CultureInfo.InvariantCulture), null,
                    $"{rule.RecordType}: {erased} erased, last change before {cutoff:yyyy-MM-dd} ({YearsFor(rule)} years; {rule.Basis})", now), Clock);
                await db.SaveChangesAsync(ct);
            }
            LogRun(Logger, rule.RecordType, erased, cutoff);
            total += erased;
        }
        return total;
    }

    private static AuditRecorded Line(string service, string action, string recordType, string? id, string? child, string? explanation, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), service, action, recordType, id, child, "platform", null, $"{service}-retention", null,
            LegalPurposes.Retention, explanation, AuditOutcomes.Success, null, System.Diagnostics.Activity.Current?.TraceId.ToString(), now);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention erased {Count} {RecordType} records whose term ended before {Cutoff}.")]
    private static partial void LogRun(ILogger logger, string recordType, int count, DateTimeOffset cutoff);
}

public static class RetentionRegistration
{
    /// <summary>Registers <typeparamref name="TJob"/> with the <c>Retention</c> settings; runs while <c>Jobs:Enabled</c> and <c>Retention:Enabled</c> are on; tests switch it off and call RunOnceAsync.</summary>
    public static IServiceCollection AddRetention<TJob>(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
        where TJob : PeriodicWork
    {
        services.Configure<RetentionOptions>(configuration.GetSection("Retention"));
        return services.AddJob<TJob>();
    }
}
