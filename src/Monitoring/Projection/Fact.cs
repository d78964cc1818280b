namespace Platform.Monitoring.Projection;

/// <summary>
/// One countable happening: a referral received, a case resolved, a knooppunt held, a placement made.
/// The key (<c>indicator:subject</c>) makes a fact count once however often its event arrives; the
/// subject gives its area. <see cref="Value"/> carries a duration in days where the indicator needs one.
/// </summary>
public sealed class Fact
{
    public string Key { get; set; } = "";
    public string Indicator { get; set; } = "";
    public string Subject { get; set; } = "";
    public DateOnly OccurredOn { get; set; }
    public string? Dimension { get; set; }
    public int? Value { get; set; }
}
