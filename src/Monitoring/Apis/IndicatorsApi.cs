using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Monitoring.Domain;
using Platform.Monitoring.Infrastructure;

namespace Platform.Monitoring.Apis;

public static class IndicatorsApi
{
    public static IEndpointRouteBuilder MapIndicatorsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{MonitoringApi.Prefix}/indicators", GetAsync)
            .WithTags("Indicators")
            .WithName("GetIndicators")
            .WithSummary("Regional indicators for a month (default: the current one), small counts suppressed.")
            .RequireAuthorization();
        return app;
    }

    internal static async Task<Results<Ok<IndicatorsResponse>, ValidationProblem>> GetAsync(
        string? period, MonitoringDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (period is not null && !Periods.IsMonth(period))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["period"] = ["A month as yyyy-MM, e.g. 2026-11."] });
        period ??= Periods.MonthOf(clock.GetUtcNow());

        var perMunicipality = await db.Referrals.AsNoTracking()
            .Where(f => f.Period == period)
            .GroupBy(f => f.HomeMunicipality)
            .Select(g => new { Municipality = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Municipality, g => g.Count, ct);
        var total = perMunicipality.Values.Sum();

        var referrals = new IndicatorResponse(
            "referrals-received",
            "Referrals (aanmeldingen) received, by the child's home municipality.",
            SmallCellSuppression.Show(total),
            SmallCellSuppression.Breakdown(perMunicipality, totalIsPublished: total >= SmallCellSuppression.Threshold));

        var facts = await db.Facts.AsNoTracking().Where(f => f.Period == period)
            .GroupBy(f => new { f.Indicator, f.Dimension, f.HomeMunicipality })
            .Select(g => new { g.Key.Indicator, g.Key.Dimension, g.Key.HomeMunicipality, Count = g.Count() })
            .ToListAsync(ct);
        var indicators = new List<IndicatorResponse> { referrals };
        foreach (var (indicator, description) in Domain.Indicators.Descriptions)
        {
            var rows = facts.Where(f => f.Indicator == indicator).ToList();
            var main = Build(indicator, description, rows.GroupBy(r => r.HomeMunicipality).ToDictionary(g => g.Key, g => g.Sum(r => r.Count)));
            indicators.Add(main);
            // Each breakdown (by article, by reason) is its own row. Its region figures are suppressed
            // together, so the published total cannot reveal a hidden one (secondary suppression).
            var byDimension = rows.Where(r => r.Dimension is not null).GroupBy(r => r.Dimension!).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
            var shown = SmallCellSuppression.Breakdown(byDimension, totalIsPublished: main.Region != SmallCellSuppression.Suppressed);
            foreach (var dimension in byDimension.Keys.Order())
            {
                var row = Build($"{indicator}:{dimension}", $"{description} ({dimension})",
                    rows.Where(r => r.Dimension == dimension).GroupBy(r => r.HomeMunicipality).ToDictionary(g => g.Key, g => g.Sum(r => r.Count)));
                indicators.Add(shown[dimension] == SmallCellSuppression.Suppressed
                    ? row with { Region = SmallCellSuppression.Suppressed, ByMunicipality = row.ByMunicipality.ToDictionary(c => c.Key, _ => SmallCellSuppression.Suppressed) }
                    : row);
            }
        }
        return TypedResults.Ok(new IndicatorsResponse(period, indicators, clock.GetUtcNow()));
    }

    private static IndicatorResponse Build(string indicator, string description, Dictionary<string, int> perMunicipality)
    {
        var total = perMunicipality.Values.Sum();
        // Region-wide facts (no municipality known) add to the total but are not a municipality of their own.
        var cells = perMunicipality.Where(c => c.Key != IntegrationEvents.HandoverCompletedFacts.Region).ToDictionary(c => c.Key, c => c.Value);
        return new IndicatorResponse(indicator, description, SmallCellSuppression.Show(total),
            SmallCellSuppression.Breakdown(cells, totalIsPublished: total >= SmallCellSuppression.Threshold && cells.Count > 0));
    }
}
