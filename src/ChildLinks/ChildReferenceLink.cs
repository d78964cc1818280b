using Microsoft.EntityFrameworkCore;

namespace Platform.ChildLinks;

/// <summary>
/// One child's two references joined (ADR-0015): the one made from its onderwijsnummer or platform child id, and the
/// one made from its BSN, with who linked them and when. A reference is linked at most once, and only to a BSN's.
/// </summary>
public sealed class ChildReferenceLink
{
    public string FromReference { get; set; } = "";
    public string ToReference { get; set; } = "";
    public Guid LinkId { get; set; }
    public string LinkedByOrganisationId { get; set; } = "";
    public string LinkedIn { get; set; } = "";
    public DateTimeOffset LinkedAt { get; set; }
}

public static class ChildLinksModel
{
    /// <summary>Adds the service's table of linked child references to its model.</summary>
    public static ModelBuilder AddChildLinks(this ModelBuilder model)
    {
        model.Entity<ChildReferenceLink>(e =>
        {
            e.ToTable("child_reference_links");
            e.HasKey(l => l.FromReference);
            e.Property(l => l.FromReference).HasMaxLength(80);
            e.Property(l => l.ToReference).HasMaxLength(80);
            e.Property(l => l.LinkedByOrganisationId).HasMaxLength(100);
            e.Property(l => l.LinkedIn).HasMaxLength(20);
            e.HasIndex(l => l.ToReference);
        });
        return model;
    }

    /// <summary>
    /// The reference a child's records are kept under now: the BSN's when <paramref name="reference"/> was linked to
    /// it, else itself. Every lookup by a reference a request or an event brings goes through this.
    /// </summary>
    public static async Task<string> CurrentReferenceAsync(this DbContext db, string reference, CancellationToken ct = default)
    {
        if (db.Model.FindEntityType(typeof(ChildReferenceLink)) is null) return reference;
        return await db.Set<ChildReferenceLink>().AsNoTracking().Where(l => l.FromReference == reference)
            .Select(l => l.ToReference).FirstOrDefaultAsync(ct) ?? reference;
    }

    /// <summary>
    /// Every reference the child of <paramref name="reference"/> is known by: the current one and those linked to it,
    /// for records that may still arrive under an old reference (an event published before the link).
    /// </summary>
    public static async Task<List<string>> SameChildAsync(this DbContext db, string reference, CancellationToken ct = default)
    {
        if (db.Model.FindEntityType(typeof(ChildReferenceLink)) is null) return [reference];
        var current = await db.CurrentReferenceAsync(reference, ct);
        var linked = await db.Set<ChildReferenceLink>().AsNoTracking().Where(l => l.ToReference == current).Select(l => l.FromReference).ToListAsync(ct);
        return [current, .. linked];
    }
}
