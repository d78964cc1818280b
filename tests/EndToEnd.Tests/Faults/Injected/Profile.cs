using Platform.ServiceDefaults;

namespace Platform.EndToEnd.Tests.Faults.Injected;

/// <summary>
/// How hard the suite pushes. <c>short</c> runs in CI (every fault once, 6 s outages: long enough for
/// every client to meet the fault and retry; a 10 s consumer pause, because at 4 journeys/s a
/// shorter one stays within the paused consumer's prefetch and builds no visible backlog); <c>full</c>
/// (RELIABILITY_PROFILE=full) holds each outage 30 s at twice the rate, crashes three services, fills a database's
/// disk (<see cref="DiskFull"/>, where it can), jumps a service's clock (<see cref="ClockJump"/>) and, last, fails a
/// database over to its standby (<see cref="DatabaseFailover"/>); its broker is a three-node cluster, of which it loses one
/// node (<see cref="BrokerNodeLost"/>); and it cuts one service's network path to the broker (<see cref="NetworkPartitioned"/>).
/// </summary>
public sealed record Profile(string Name, double JourneysPerSecond, TimeSpan WarmUp, TimeSpan Outage, TimeSpan Pause, int Duplicates,
    IReadOnlyList<string> CrashedServices, bool WatchesAlerts, bool FillsDisk, bool JumpsClock, bool FailsOver, bool ClustersBroker,
    bool PartitionsNetwork)
{
    public static Profile Short { get; } = new("short", 4, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(10), 20,
        [ResourceNames.Intake], WatchesAlerts: false, FillsDisk: false, JumpsClock: false, FailsOver: false, ClustersBroker: false,
        PartitionsNetwork: false);

    /// <summary>Also waits for each fault's alert (<see cref="Fault.Alert"/>) to fire and clear: a minute or two per such fault.</summary>
    public static Profile Full { get; } = new("full", 8, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), 200,
        [ResourceNames.Intake, ResourceNames.Funding, ResourceNames.Monitoring], WatchesAlerts: true, FillsDisk: true, JumpsClock: true, FailsOver: true,
        ClustersBroker: true, PartitionsNetwork: true);

    /// <summary>The broker's nodes where <see cref="ClustersBroker"/> (<c>Platform:BrokerNodes</c>).</summary>
    public const int ClusterNodes = 3;

    /// <summary>The limit (#28) for an alert to fire after its fault, and to clear after recovery.</summary>
    public static TimeSpan AlertLimit { get; } = TimeSpan.FromMinutes(2);

    /// <summary>The limit the issue sets: back to steady state within 30 s of the fault being lifted.</summary>
    public static TimeSpan RecoveryLimit { get; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a journey's requests are retried before the integrator gives up.</summary>
    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(90);

    public static Profile FromEnvironment() =>
        Environment.GetEnvironmentVariable("RELIABILITY_PROFILE") is "full" ? Full : Short;
}
