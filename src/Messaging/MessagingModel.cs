using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;

namespace Platform.Messaging;

public static class MessagingModel
{
    public const string Schema = "messaging";

    /// <summary>
    /// Adds the outbox, its lease and the inbox to a service's model, in their own schema so they
    /// are not mistaken for domain tables. Call from <c>OnModelCreating</c>.
    /// </summary>
    public static ModelBuilder AddMessagingTables(this ModelBuilder model)
    {
        model.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox", Schema);
            e.HasKey(m => m.Sequence);
            e.Property(m => m.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
            e.Property(m => m.MessageId).HasColumnName("message_id");
            e.HasIndex(m => m.MessageId).IsUnique();
            e.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(300);
            e.Property(m => m.Body).HasColumnName("body").HasColumnType("jsonb");
            e.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(55);
            // text: tracestate comes from callers' headers and may be long; a limit here would let a caller break writes.
            e.Property(m => m.TraceState).HasColumnName("trace_state");
            e.Property(m => m.CreatedAt).HasColumnName("created_at");
            e.Property(m => m.Attempts).HasColumnName("attempts");
            e.Property(m => m.DeadLetteredAt).HasColumnName("dead_lettered_at");
            e.Property(m => m.LastError).HasColumnName("last_error");
        });

        model.Entity<OutboxLease>(e =>
        {
            e.ToTable("outbox_lease", Schema);
            e.HasKey(l => l.Id);
            e.Property(l => l.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(l => l.LastPublishedAt).HasColumnName("last_published_at");
            e.HasData(new { Id = OutboxLease.SingletonId });
        });

        model.Entity<InboxMessage>(e =>
        {
            e.ToTable("inbox", Schema);
            e.HasKey(m => new { m.MessageId, m.Consumer });
            e.Property(m => m.MessageId).HasColumnName("message_id");
            e.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(200);
            e.Property(m => m.ReceivedAt).HasColumnName("received_at");
            e.HasIndex(m => m.ReceivedAt);
        });

        return model;
    }
}
