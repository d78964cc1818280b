using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Platform.Messaging.Inbox;

/// <summary>
/// Base for every consumer: records (message id, consumer) in the inbox in the same transaction
/// as the consumer's own changes, so a redelivered or duplicated message has exactly one effect.
/// An exception rolls everything back (inbox row included) and lets MassTransit retry, then move
/// the message to the error queue.
/// </summary>
/// <remarks>
/// Two deliveries of the same message racing each other are serialised by the inbox's primary
/// key: the second insert waits for the first transaction, then finds the row and does nothing.
/// </remarks>
public abstract partial class IdempotentConsumer<TMessage, TDbContext>(TDbContext db, ILogger logger, TimeProvider clock)
    : IConsumer<TMessage> where TMessage : class where TDbContext : DbContext
{
    protected TDbContext Db { get; } = db;

    /// <summary>The service's clock (a fake one in tests).</summary>
    protected TimeProvider Clock { get; } = clock;

    /// <summary>Stable name of this consumer in the inbox; defaults to the class name.</summary>
    protected virtual string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException("A message without a MessageId cannot be deduplicated.");
        var ct = context.CancellationToken;

        var strategy = Db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            Db.ChangeTracker.Clear();
            await using var tx = await Db.Database.BeginTransactionAsync(ct);
            var now = Clock.GetUtcNow();
            var first = await Db.Database.ExecuteSqlAsync(
                $"INSERT INTO messaging.inbox (message_id, consumer, received_at) VALUES ({messageId}, {ConsumerName}, {now}) ON CONFLICT DO NOTHING",
                ct);
            if (first == 0)
            {
                LogDuplicate(logger, messageId, ConsumerName);
                await tx.RollbackAsync(ct);
                return;
            }

            await HandleAsync(context.Message, context, ct);
            await Db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
    }

    /// <summary>
    /// The consumer's effect. Change <see cref="Db"/> (and stage outbox events with
    /// <c>Db.AddIntegrationEvent</c>); the base class saves and commits.
    /// </summary>
    protected abstract Task HandleAsync(TMessage message, ConsumeContext<TMessage> context, CancellationToken ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} already handled by {Consumer}; skipped.")]
    private static partial void LogDuplicate(ILogger logger, Guid messageId, string consumer);
}
