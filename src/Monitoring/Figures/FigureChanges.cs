using Microsoft.EntityFrameworkCore;
using Platform.Monitoring.Infrastructure;

namespace Platform.Monitoring.Figures;

/// <summary>
/// One committed change to the read model, and the earliest day whose figures it can have changed
/// (<see cref="Projection.SqlReadModel"/>). Written by the statement that changed the read model, so a
/// change and its row commit together; <see cref="FiguresCache"/> reads the rows its
/// cached figures did not see, by transaction id (<c>xid</c>), to tell whether they still hold. Rows
/// are kept a few hours (<see cref="FigureChangesCleanup"/>): long enough for any cached figure.
/// </summary>
public sealed class FigureChange
{
    public long Id { get; private set; }
    /// <summary>The writing transaction (<c>pg_current_xact_id()</c>): what a snapshot saw or not.</summary>
    public ulong Xid { get; private set; }
    public DateOnly ChangedFrom { get; private set; }
    /// <summary>The database's clock when written, just before the commit (<c>clock_timestamp()</c>).</summary>
    public DateTimeOffset RecordedAt { get; private set; }
}

public static class FigureChanges
{
    /// <summary>A rebuild changes everything: every cached figure is computed again.</summary>
    public static readonly DateOnly Everything = DateOnly.MinValue;

    /// <summary>Records that the figures of every period ending on or after <paramref name="from"/> may have changed (nothing when null).</summary>
    public static async Task RecordAsync(MonitoringDbContext db, DateOnly? from, CancellationToken ct)
    {
        if (from is not { } day) return;
        await db.Database.ExecuteSqlAsync($"INSERT INTO monitoring.figure_changes (changed_from) VALUES ({day})", ct);
    }
}
