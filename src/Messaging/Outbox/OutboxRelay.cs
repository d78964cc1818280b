using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using Platform.Jobs;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows to RabbitMQ, in sequence order, and deletes them once the
/// broker's publisher confirm came back. Up to <see cref="OutboxRelayOptions.MaxInFlight"/>
/// publishes are started (in sequence order) before their confirms are awaited (in the same order),
/// so a batch costs a few confirm round trips instead of one per row; only the confirmed rows before
/// the first failure are deleted. At-least-once: a crash between the confirm and the delete, or a
/// failure with later publishes in flight, re-sends those rows, which consumers' inboxes absorb.
/// While the broker or the database is down it backs off and keeps the rows; nothing is dropped.
/// </summary>
public sealed partial class OutboxRelay<TDbContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal<TDbContext> signal,
    IOptions<OutboxRelayOptions> options,
    ILogger<OutboxRelay<TDbContext>> logger) : BackgroundService where TDbContext : DbContext
{
    private readonly OutboxRelayOptions _options = options.Value;
    private static readonly string OutboxName = typeof(TDbContext).Name;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled) return;
        var backoff = _options.MinBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await PublishBatchAsync(stoppingToken);
                backoff = _options.MinBackoff;
                if (published < _options.BatchSize)
                    await signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogBatchFailed(logger, ex, backoff.TotalMilliseconds);
                await Task.Delay(backoff, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>
    /// One batch under the lease. Returns how many rows were published; 0 also when another relay
    /// holds the lease. Public so tests and operators' tools can drive the relay by hand.
    /// </summary>
    public async Task<int> PublishBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        // The whole batch is one retriable unit: a transient database error repeats it, and a
        // repeated publish is absorbed by the consumers' inboxes.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(ct, async token => await PublishBatchInTransactionAsync(db, token));
    }

    private async Task<int> PublishBatchInTransactionAsync(TDbContext db, CancellationToken ct)
    {
        // The relay's own queries (lease, read, delete) are bookkeeping, polled every second: untraced.
        // Each publish continues the trace of the request that wrote its row (PublishAsync).
        using var quiet = JobTelemetry.Quiet();
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var leased = await db.Database
            .SqlQuery<int>($"SELECT id AS \"Value\" FROM messaging.outbox_lease WHERE id = {OutboxLease.SingletonId} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        if (leased.Count == 0)
        {
            // Another replica holds the lease and reports the age; this one's last figure would only grow stale.
            OutboxMetrics.Waiting(OutboxName, null);
            return 0;
        }

        var batch = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.DeadLetteredAt == null)
            .OrderBy(m => m.Sequence).Take(_options.BatchSize).ToListAsync(ct);
        if (batch.Count == 0)
        {
            OutboxMetrics.Waiting(OutboxName, null);
            return 0;
        }
        // Until this batch is confirmed, its first row is the oldest waiting (a failure below leaves it so).
        OutboxMetrics.Waiting(OutboxName, batch[0].CreatedAt);

        var published = new List<long>();
        Exception? failure = null;
        // Publishes are started in sequence order and their confirms awaited in that order, up to
        // MaxInFlight at a time: one confirm round trip (a broker fsync) per window instead of per row.
        var window = new Queue<(OutboxMessage Message, Task Publish)>();
        foreach (var message in batch)
        {
            if (!TryRead(message, out var type, out var payload, out var unreadable))
            {
                // A row no code can ever publish (a renamed contract, a corrupt body) must not hold
                // back every event behind it: set it aside for an operator and go on.
                LogDeadLettered(logger, unreadable!, message.Sequence, message.MessageType);
                OutboxMetrics.SetAside(OutboxName);
                await db.Set<OutboxMessage>().Where(m => m.Sequence == message.Sequence)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.DeadLetteredAt, DateTimeOffset.UtcNow)
                        .SetProperty(m => m.LastError, unreadable!.Message), CancellationToken.None);
                continue;
            }
            while (window.Count >= Math.Max(1, _options.MaxInFlight) && failure is null)
                failure = await ConfirmedAsync(db, window.Dequeue(), published, ct);
            if (failure is not null) break;
            window.Enqueue((message, PublishAsync(message, type!, payload!, ct)));
        }
        while (window.Count > 0 && failure is null)
            failure = await ConfirmedAsync(db, window.Dequeue(), published, ct);
        // After a failure, the publishes still in flight are let finish but not counted: their rows
        // stay and go again after the failed one (a duplicate the inboxes absorb), nothing is lost.
        if (window.Count > 0)
            await Task.WhenAll(window.Select(w => w.Publish)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        if (published.Count > 0)
        {
            // Exactly the rows published: a row with a lower sequence whose transaction committed
            // while this batch ran was not read, and must stay for the next batch.
            await db.Set<OutboxMessage>().Where(m => published.Contains(m.Sequence)).ExecuteDeleteAsync(CancellationToken.None);
            await db.Set<OutboxLease>().ExecuteUpdateAsync(s => s.SetProperty(l => l.LastPublishedAt, DateTimeOffset.UtcNow), CancellationToken.None);
        }
        await tx.CommitAsync(CancellationToken.None);

        // A full batch may have more behind it: the next pass tells. A short batch wholly published left none.
        if (failure is null && batch.Count < _options.BatchSize) OutboxMetrics.Waiting(OutboxName, null);
        if (failure is not null) throw new OutboxPublishException(failure);
        return batch.Count;
    }

    /// <summary>Waits for one publish's confirm: null when confirmed (the row is then deleted), else the failure.</summary>
    private static async Task<Exception?> ConfirmedAsync(TDbContext db, (OutboxMessage Message, Task Publish) pending, List<long> published, CancellationToken ct)
    {
        try
        {
            await pending.Publish;
            published.Add(pending.Message.Sequence);
            return null;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Stop at the first failure: rows after it are not deleted, so they are published again after it.
            await db.Set<OutboxMessage>().Where(m => m.Sequence == pending.Message.Sequence)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, m => m.Attempts + 1), CancellationToken.None);
            return ex;
        }
    }

    private static bool TryRead(OutboxMessage message, out Type? type, out object? payload, out Exception? error)
    {
        (type, payload, error) = (null, null, null);
        try
        {
            type = ContractTypes.Resolve(message.MessageType);
            payload = JsonSerializer.Deserialize(message.Body, type, OutboxWriter.Json)
                      ?? throw new InvalidOperationException($"Outbox row {message.Sequence} has an empty body.");
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or JsonException or NotSupportedException)
        {
            error = ex;
            return false;
        }
    }

    private async Task PublishAsync(OutboxMessage message, Type type, object payload, CancellationToken ct)
    {
        // Continue the trace of the request that wrote the row: gateway → service → relay → broker → consumers.
        ActivityContext.TryParse(message.TraceParent, message.TraceState, out var parent);
        using var traced = SuppressInstrumentationScope.Begin(false);
        using var activity = MessagingTelemetry.Source.StartActivity($"outbox publish {type.Name}", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", message.MessageId.ToString());
        activity?.SetTag("outbox.sequence", message.Sequence);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.PublishTimeout);
        // MassTransit's RabbitMQ transport waits for the publisher confirm before this returns.
        await bus.Publish(payload, type, ctx => ctx.MessageId = message.MessageId, timeout.Token);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox row {Sequence} ({MessageType}) cannot be published and was set aside (dead_lettered_at).")]
    private static partial void LogDeadLettered(ILogger logger, Exception ex, long sequence, string messageType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox batch failed; retrying in {BackoffMs} ms. Rows stay in the outbox.")]
    private static partial void LogBatchFailed(ILogger logger, Exception ex, double backoffMs);
}

public sealed class OutboxPublishException(Exception inner)
    : Exception("Publishing an outbox row failed; it stays in the outbox and is retried.", inner);
