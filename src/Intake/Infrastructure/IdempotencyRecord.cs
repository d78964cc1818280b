using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Intake.Infrastructure;

/// <summary>
/// Remembers an integrator's <c>Idempotency-Key</c> with a hash of its request, so a retried POST
/// returns the first result instead of creating a second referral. Keys are per organisation.
/// </summary>
public sealed class IdempotencyRecord
{
    public string OrganisationId { get; private set; } = "";
    public string Key { get; private set; } = "";
    public string RequestHash { get; private set; } = "";
    public Guid ResourceId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    private IdempotencyRecord() { }

    public IdempotencyRecord(string organisationId, string key, string requestHash, Guid resourceId, DateTimeOffset createdAt)
    {
        OrganisationId = organisationId;
        Key = key;
        RequestHash = requestHash;
        ResourceId = resourceId;
        CreatedAt = createdAt;
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        record.ToTable("idempotency_keys");
        record.HasKey(r => new { r.OrganisationId, r.Key });
        record.Property(r => r.OrganisationId).HasMaxLength(100);
        record.Property(r => r.Key).HasMaxLength(200);
        record.Property(r => r.RequestHash).HasMaxLength(64);
    }
}
