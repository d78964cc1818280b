using Platform.Messaging.Outbox;

namespace Platform.TestInfrastructure;

/// <summary>The outbox as tests look at it: the domain's own events, apart from the audit records every access leaves.</summary>
public static class OutboxQueries
{
    public const string AuditRecorded = "Platform.Contracts.Audit.AuditRecorded";

    public static IQueryable<OutboxMessage> WithoutAudit(this IQueryable<OutboxMessage> outbox) => outbox.Where(m => m.MessageType != AuditRecorded);

    public static IQueryable<OutboxMessage> AuditOnly(this IQueryable<OutboxMessage> outbox) => outbox.Where(m => m.MessageType == AuditRecorded);
}
