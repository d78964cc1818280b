namespace Platform.Monitoring.Baselines;

/// <summary>
/// Nulmeting (0-meting): the region's figures for a period, frozen under a name, so every later
/// period can be compared with where the region started. Figures are aggregates only.
/// </summary>
public sealed class Baseline
{
    public string Name { get; private set; } = "";
    public string Period { get; private set; } = "";
    public DateOnly ReferenceDate { get; private set; }
    /// <summary>The figures as they were computed: per indicator, per cell, the exact value and whether it was shown.</summary>
    public string Figures { get; private set; } = "";
    public string TakenBy { get; private set; } = "";
    public DateTimeOffset TakenAt { get; private set; }

    private Baseline() { }

    public Baseline(string name, string period, DateOnly referenceDate, string figures, string takenBy, DateTimeOffset takenAt) =>
        (Name, Period, ReferenceDate, Figures, TakenBy, TakenAt) = (name, period, referenceDate, figures, takenBy, takenAt);
}
