using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Data;

namespace Platform.Messaging.Inbox;

/// <summary>
/// Handles the messages of <see cref="BatchedIdempotentConsumer{TMessage, TDbContext}"/>s together: whatever arrived while the
/// previous batch committed (up to <see cref="InboxOptions.BatchSize"/>) goes into one transaction, each message's inbox row
/// with its effect, and one commit (one write-ahead log flush) acknowledges them all. Each consumer waits for the commit of
/// its own message, so MassTransit acknowledges every message on its own, after the commit, as with one at a time.
/// When a batch fails on something other than a database outage, its messages are handled again one at a time, each in
/// its own transaction: one poison message fails alone (and is retried, then moved to the error queue, by itself) and
/// does not hold the others. During an outage every message of the batch gets the outage, and waits it out as usual.
/// </summary>
public sealed partial class InboxBatch<TDbContext>(IServiceScopeFactory scopes, IOptions<InboxOptions> options, TimeProvider clock,
    ILogger<InboxBatch<TDbContext>> logger) : BackgroundService where TDbContext : DbContext
{
    /// <summary>One message's part: its inbox row and its effect on the batch's database context.</summary>
    private sealed record Work(Guid MessageId, string Consumer, Func<TDbContext, CancellationToken, Task> Effect, ActivityContext Parent)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>();

    /// <summary>
    /// Queues the message and waits until its transaction has committed (or failed: then the exception is this message's).
    /// A duplicate (its inbox row already there) completes without running its effect.
    /// </summary>
    public async Task HandleAsync(Guid messageId, string consumer, Func<TDbContext, CancellationToken, Task> effect, CancellationToken ct)
    {
        var work = new Work(messageId, consumer, effect, Activity.Current?.Context ?? default);
        if (!_queue.Writer.TryWrite(work)) throw new InvalidOperationException("The inbox batch has stopped: the service is shutting down.");
        // Given up waiting (shutdown): the message is not acknowledged; if its batch commits after all, the inbox row makes
        // its redelivery a duplicate.
        await work.Done.Task.WaitAsync(ct);
    }

    /// <summary>
    /// <see cref="InboxOptions.BatchWriters"/> writers take batches from the queue side by side: a batch is mostly database round
    /// trips, and while one writer waits for its answers another can send.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var writers = Math.Max(1, options.Value.BatchWriters);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => WriteAsync(stoppingToken)));
        }
        finally
        {
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var left)) left.Done.TrySetCanceled(stoppingToken);
        }
    }

    private async Task WriteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        var size = Math.Max(1, options.Value.BatchSize);
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                var batch = new List<Work>(size);
                while (batch.Count < size && reader.TryRead(out var work)) batch.Add(work);
                if (batch.Count > 0) await RunAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private async Task RunAsync(List<Work> batch, CancellationToken ct)
    {
        // One span for the batch, linked to every message's consume span: each trace shows the commit it waited for.
        using var activity = MessagingTelemetry.Source.StartActivity("inbox batch", ActivityKind.Internal, parentContext: default,
            links: batch.Where(w => w.Parent != default).Select(w => new ActivityLink(w.Parent)));
        activity?.SetTag("messaging.batch.message_count", batch.Count);
        try
        {
            await InOneTransactionAsync(batch, ct);
            foreach (var work in batch) work.Done.TrySetResult();
        }
        catch (Exception ex) when (batch.Count > 1 && !DatabaseOutage.IsOutage(ex) && !ct.IsCancellationRequested)
        {
            LogFallback(logger, ex, batch.Count);
            activity?.SetTag("messaging.batch.fallback", true);
            foreach (var work in batch)
            {
                try
                {
                    await InOneTransactionAsync([work], ct);
                    work.Done.TrySetResult();
                }
                catch (Exception alone)
                {
                    work.Done.TrySetException(alone);
                }
            }
        }
        catch (Exception ex)
        {
            foreach (var work in batch) work.Done.TrySetException(ex);
        }
    }

    private async Task InOneTransactionAsync(IReadOnlyList<Work> works, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var now = clock.GetUtcNow();
            foreach (var work in works)
                if (await InboxRow.TryAddAsync(db, work.MessageId, work.Consumer, now, logger, ct)) await work.Effect(db, ct);
            if (db is IBatchCompletion completion) await completion.CompleteBatchAsync(ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} messages failed; handling them one at a time.")]
    private static partial void LogFallback(ILogger logger, Exception ex, int count);
}

/// <summary>
/// A consumer whose whole effect is on the database context it is given, so that it can share a transaction with others
/// (<see cref="InboxBatch{TDbContext}"/>): exactly once, like <see cref="IdempotentConsumer{TMessage, TDbContext}"/>, at a
/// fraction of the commits. Its effect must not use services that hold a database context of their own (their writes would
/// not be in the batch's transaction): what does is an <see cref="IdempotentConsumer{TMessage, TDbContext}"/>.
/// </summary>
public abstract class BatchedIdempotentConsumer<TMessage, TDbContext>(InboxBatch<TDbContext> batch) : MassTransit.IConsumer<TMessage>
    where TMessage : class where TDbContext : DbContext
{
    /// <summary>Stable name of this consumer in the inbox; defaults to the class name.</summary>
    protected virtual string ConsumerName => GetType().Name;

    public Task Consume(MassTransit.ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("A message without a MessageId cannot be deduplicated.");
        var message = context.Message;
        return batch.HandleAsync(messageId, ConsumerName, (db, ct) => HandleAsync(db, messageId, message, ct), context.CancellationToken);
    }

    /// <summary>The effect, on <paramref name="db"/> only (the batch saves and commits).</summary>
    protected abstract Task HandleAsync(TDbContext db, Guid messageId, TMessage message, CancellationToken ct);
}
