namespace Platform.Monitoring.Apis;

/// <summary>
/// Indicators for one period. Every figure is a string: an exact count of 5 or more, or "&lt;5".
/// </summary>
public sealed record IndicatorsResponse(string Period, IReadOnlyList<IndicatorResponse> Indicators, DateTimeOffset GeneratedAt);

/// <param name="Indicator">Stable indicator id, e.g. <c>referrals-received</c>.</param>
/// <param name="Description">What the indicator counts, in words.</param>
/// <param name="Region">The figure for the whole region.</param>
/// <param name="ByMunicipality">The figure per municipality (CBS code).</param>
public sealed record IndicatorResponse(string Indicator, string Description, string Region, IReadOnlyDictionary<string, string> ByMunicipality);
