using Microsoft.EntityFrameworkCore;
using Platform.Monitoring.Domain;
using Platform.Monitoring.Infrastructure;
using Platform.ServiceDefaults;

namespace Platform.Monitoring.Figures;

/// <summary>
/// The figures of one or more periods: of ended periods from <see cref="FiguresCache"/> while they hold, else computed from the
/// read model and kept; of a period still running always computed (nothing of it is published; tests read its true figures).
/// </summary>
public sealed class FiguresSource(MonitoringDbContext db, TimeProvider clock, CellKeyPerturbation perturbation, FiguresCache cache)
{
    public async Task<(RegionMap Map, IReadOnlyList<PeriodFigures> Figures)> ComputeAsync(IReadOnlyList<Period> periods, CancellationToken ct)
    {
        var today = DutchTime.Today(clock);
        if (periods.Any(p => !p.IsClosedOn(today))) return await ComputeNowAsync(periods, ct);
        if (await cache.TryGetAsync(db, periods, ct) is { } cached) return cached;
        await cache.Computing.WaitAsync(ct);
        try
        {
            // Another request may have computed them while this one waited.
            if (await cache.TryGetAsync(db, periods, ct) is { } computedMeanwhile) return computedMeanwhile;
            var computed = await FiguresCache.ComputeAsync(db, map => FromReadModelAsync(map, periods, today, ct), ct);
            cache.Keep(computed);
            return (computed.Map, computed.Figures);
        }
        finally
        {
            cache.Computing.Release();
        }
    }

    public async Task<(RegionMap Map, PeriodFigures Figures)> ComputeAsync(Period period, CancellationToken ct)
    {
        var (map, figures) = await ComputeAsync([period], ct);
        return (map, figures[0]);
    }

    /// <summary>The figures computed from the read model as it is now, never from the cache: what the cache must always equal.</summary>
    public async Task<(RegionMap Map, IReadOnlyList<PeriodFigures> Figures)> ComputeNowAsync(IReadOnlyList<Period> periods, CancellationToken ct)
    {
        var map = await RegionMap.LoadAsync(db, ct);
        return (map, await FromReadModelAsync(map, periods, DutchTime.Today(clock), ct));
    }

    /// <summary>Reads the read model once and makes the figures of every period asked for from it.</summary>
    private async Task<IReadOnlyList<PeriodFigures>> FromReadModelAsync(RegionMap map, IReadOnlyList<Period> periods, DateOnly today, CancellationToken ct)
    {
        // Stocks measured against the pupil count need the facts since the count date (1 October) before the period.
        var from = periods.Min(p => Period.SchoolYearOf(p.From).From.AddYears(-1));
        var to = periods.Max(p => p.To);
        var subjects = await db.Subjects.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var facts = await db.Facts.AsNoTracking().Where(f => f.OccurredOn >= from && f.OccurredOn <= to).ToListAsync(ct);
        var calculator = new FigureCalculator(map, subjects, facts, perturbation);
        return [.. periods.Select(p => calculator.Compute(p, today))];
    }
}
