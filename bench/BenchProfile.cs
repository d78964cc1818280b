namespace Platform.Bench;

/// <summary>How long and how hard each step runs.</summary>
public sealed record BenchProfile(
    string Name,
    TimeSpan LimitDuration,
    TimeSpan Probe,
    TimeSpan Fixed,
    double SearchStart,
    double SearchCeiling,
    int Refinements,
    double ModerateRate,
    double LatencyRate,
    int Backlog,
    int MaxInFlight,
    int JournalEvents,
    double MonitorRate,
    TimeSpan MonitorDuration,
    int RegionPupils,
    int YearWorkers)
{
    /// <summary>The answer p99 must stay under for a rate to count as sustained.</summary>
    public const double P99BoundMs = 50;

    /// <summary>Every rate found by search, the 100,000-event backlog, a South-Limburg-sized year, the monitor over a million journal events.</summary>
    public static BenchProfile Full { get; } = new("full",
        LimitDuration: TimeSpan.FromSeconds(10), Probe: TimeSpan.FromSeconds(8), Fixed: TimeSpan.FromSeconds(15),
        SearchStart: 5, SearchCeiling: 6400, Refinements: 3, ModerateRate: 0, LatencyRate: 200, Backlog: 100_000, MaxInFlight: 1000,
        JournalEvents: 1_000_000, MonitorRate: 20, MonitorDuration: TimeSpan.FromSeconds(30),
        // South Limburg: about 600,000 inhabitants, 5.7 times Zeeuws-Vlaanderen's 106,000, whose 10,721 pupils the seeds give.
        RegionPupils: 61_000, YearWorkers: 16);

    /// <summary>Seconds per step at tiny rates, so CI shows the harness still works (figures, not timings).</summary>
    public static BenchProfile Smoke { get; } = new("smoke",
        LimitDuration: TimeSpan.FromSeconds(1), Probe: TimeSpan.FromSeconds(1), Fixed: TimeSpan.FromSeconds(2),
        SearchStart: 4, SearchCeiling: 8, Refinements: 0, ModerateRate: 5, LatencyRate: 5, Backlog: 500, MaxInFlight: 100,
        JournalEvents: 2_000, MonitorRate: 4, MonitorDuration: TimeSpan.FromSeconds(2),
        RegionPupils: 120, YearWorkers: 4);

    public bool IsSmoke => Name == "smoke";

    public static BenchProfile Parse(string? name) => name?.ToLowerInvariant() switch
    {
        null or "" or "full" => Full,
        "smoke" => Smoke,
        _ => throw new ArgumentException($"Unknown profile '{name}': use full or smoke."),
    };
}
