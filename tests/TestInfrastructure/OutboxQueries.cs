using Platform.Messaging.Outbox;

namespace Platform.TestInfrastructure;

/// <summary>The outbox as tests look at it: the domain's own events, apart from the audit records every access leaves.</summary>
public static class OutboxQueries
{
    public const string AuditRecorded = "Platform.Contracts.Audit.AuditRecorded";

    public static IQueryable<OutboxMessage> WithoutAudit(this IQueryable<OutboxMessage> outbox) => outbox.Where(m => m.MessageType != AuditRecorded);

    public static IQueryable<OutboxMessage> AuditOnly(this IQueryable<OutboxMessage> outbox) => outbox.Where(m => m.MessageType == AuditRecorded);
}

/// <summary>The access-log lines a service staged, read back from its outbox.</summary>
public static class AuditLines
{
    public static async Task<List<Contracts.Audit.AuditRecorded>> InOutboxAsync(Microsoft.EntityFrameworkCore.DbContext db, CancellationToken ct)
    {
        var rows = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Set<OutboxMessage>().AuditOnly().OrderBy(m => m.Sequence), ct);
        return [.. rows.Select(r => System.Text.Json.JsonSerializer.Deserialize<Contracts.Audit.AuditRecorded>(r.Body, System.Text.Json.JsonSerializerOptions.Web)!)];
    }
}
