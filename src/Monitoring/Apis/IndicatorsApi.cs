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

        return TypedResults.Ok(new IndicatorsResponse(period, [referrals], clock.GetUtcNow()));
    }
}
