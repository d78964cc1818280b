using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Platform.Messaging.Inbox;

/// <summary>The inbox row that makes a message's effect happen once, for the one-at-a-time and the batched consumers alike.</summary>
internal static partial class InboxRow
{
    /// <summary>
    /// Adds (message id, consumer) in the caller's transaction; false when it is there already (a duplicate: skip the effect).
    /// A second delivery racing the first waits on the primary key for the first transaction, then finds the row.
    /// </summary>
    public static async Task<bool> TryAddAsync(DbContext db, Guid messageId, string consumer, DateTimeOffset now, ILogger logger, CancellationToken ct)
    {
        var added = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO messaging.inbox (message_id, consumer, received_at) VALUES ({messageId}, {consumer}, {now}) ON CONFLICT DO NOTHING", ct);
        if (added == 0) LogDuplicate(logger, messageId, consumer);
        return added > 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} already handled by {Consumer}; skipped.")]
    private static partial void LogDuplicate(ILogger logger, Guid messageId, string consumer);
}
