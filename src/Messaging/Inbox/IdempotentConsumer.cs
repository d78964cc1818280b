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
public abstract class IdempotentConsumer<TMessage, TDbContext>(TDbContext db, ILogger logger, TimeProvider clock)
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
            if (!await InboxRow.TryAddAsync(Db, messageId, ConsumerName, Clock.GetUtcNow(), logger, ct))
            {
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
}
