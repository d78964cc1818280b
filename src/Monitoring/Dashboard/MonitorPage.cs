using Platform.Monitoring.Apis;
using Platform.Monitoring.Domain;

namespace Platform.Monitoring.Dashboard;

/// <summary>What the page shows: the chosen period's figures (with the baseline, if chosen), the months before it, and the choices.</summary>
public sealed record MonitorPage(IndicatorsResponse Now, IReadOnlyList<IndicatorsResponse> Trend, IReadOnlyList<BaselineResponse> Baselines,
    IReadOnlyList<Period> PeriodChoices, Period Period);
