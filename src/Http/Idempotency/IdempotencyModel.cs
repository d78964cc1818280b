using Microsoft.EntityFrameworkCore;

namespace Platform.Http.Idempotency;

public static class IdempotencyModel
{
    /// <summary>Beside the outbox and inbox, in their schema: platform plumbing, not domain tables.</summary>
    public const string Schema = "messaging";

    /// <summary>The stored answers of <see cref="IdempotencyKeyMiddleware{TDbContext}"/>. Call from <c>OnModelCreating</c>.</summary>
    public static ModelBuilder AddIdempotencyTable(this ModelBuilder model)
    {
        model.Entity<IdempotentRequest>(e =>
        {
            e.ToTable("idempotent_requests", Schema);
            e.HasKey(r => new { r.OrganisationId, r.Key });
            e.Property(r => r.OrganisationId).HasColumnName("organisation_id").HasMaxLength(100);
            e.Property(r => r.Key).HasColumnName("key").HasMaxLength(IdempotencyOptions.MaxKeyLength);
            e.Property(r => r.RequestHash).HasColumnName("request_hash").HasMaxLength(64);
            e.Property(r => r.CreatedAt).HasColumnName("created_at");
            e.Property(r => r.Status).HasColumnName("status");
            e.Property(r => r.ContentType).HasColumnName("content_type").HasMaxLength(200);
            e.Property(r => r.Location).HasColumnName("location").HasMaxLength(500);
            e.Property(r => r.Body).HasColumnName("body");
            e.Property(r => r.CompletedAt).HasColumnName("completed_at");
            e.Ignore(r => r.Completed);
            e.HasIndex(r => r.CreatedAt);
        });
        return model;
    }
}
