using Microsoft.EntityFrameworkCore;
using Platform.Monitoring.Domain;
using Platform.Monitoring.Infrastructure;
using Platform.ServiceDefaults;

namespace Platform.Monitoring.Figures;

/// <summary>Reads the read model once and makes the figures of one or more periods from it.</summary>
public sealed class FiguresSource(MonitoringDbContext db, TimeProvider clock, CellKeyPerturbation perturbation)
{
    public async Task<(RegionMap Map, IReadOnlyList<PeriodFigures> Figures)> ComputeAsync(IReadOnlyList<Period> periods, CancellationToken ct)
    {
        var map = await RegionMap.LoadAsync(db, ct);
        // Stocks measured against the pupil count need the facts since the count date (1 October) before the period.
        var from = periods.Min(p => Period.SchoolYearOf(p.From).From.AddYears(-1));
        var to = periods.Max(p => p.To);
        var subjects = await db.Subjects.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var facts = await db.Facts.AsNoTracking().Where(f => f.OccurredOn >= from && f.OccurredOn <= to).ToListAsync(ct);
        var calculator = new FigureCalculator(map, subjects, facts, perturbation);
        var today = DutchTime.Today(clock);
        return (map, [.. periods.Select(p => calculator.Compute(p, today))]);
    }

    public async Task<(RegionMap Map, PeriodFigures Figures)> ComputeAsync(Period period, CancellationToken ct)
    {
        var (map, figures) = await ComputeAsync([period], ct);
        return (map, figures[0]);
    }
}
