using System.Diagnostics;
using System.Net.Http.Json;
using Platform.AppHost;
using Platform.EndToEnd.Tests.Faults.Injected;
using Platform.EndToEnd.Tests.Faults.Journeys;
using Platform.EndToEnd.Tests.Faults.Control;
using Platform.EndToEnd.Tests.Faults.Reconciliation;
using Platform.EndToEnd.Tests.Faults.Report;

namespace Platform.EndToEnd.Tests.Faults;

/// <summary>
/// The fault-injection suite: the end-to-end suite's platform (local processes), once every other class
/// is done with it (the last of the quiet collection), a steady stream of journeys through
/// the gateway, and one fault after another. After each, every request that got a 2xx is reconciled
/// against every service's database: exactly one effect each, and steady state again within 30 s.
/// Prints the table and writes it to TestResults/reliability-&lt;profile&gt;.md. Run alone with
/// <c>./scripts/faults.sh</c> (short) or <c>./scripts/faults.sh full</c>.
/// </summary>
[Collection(nameof(Quiet))]
public sealed class FaultInjectionTests(PlatformFixture fixture)
{
    // Each fault's steps are bounded (FaultPhase.StepLimit): the short profile takes about 4 minutes; this
    // limit is only for a wait nobody foresaw.
    [Fact(Timeout = 30 * 60 * 1000)]
    public async Task Every_accepted_request_has_exactly_one_effect_in_every_service_through_every_fault()
    {
        var ct = TestContext.Current.CancellationToken;
        var profile = Profile.FromEnvironment();
        await using var platform = await FaultPlatform.AttachAsync(fixture, ct);
        await using var sink = new NotificationSink();
        await SubscribeCoordinatorAsync(platform, sink, ct);
        var reconciler = new Reconciler(platform.DatabaseAsync);

        var rows = new List<FaultRow>();
        var report = Path.Combine(RepositoryPaths.Root(), "TestResults", $"reliability-{profile.Name}.md");
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);
        var commit = Commit();
        string table = "";
        var notRun = new List<string>();
        if (profile.FillsDisk && await DiskFull.WhyNotAsync(platform) is { } why) notRun.Add($"intake's database disk full: {why}");
        if (profile.PartitionsNetwork && platform.Partition is null) notRun.Add($"a network partition: {platform.PartitionNotMadeBecause}");
        // RELIABILITY_ONLY (scripts/faults.sh's second argument): the baseline and the faults whose name contains one of its
        // comma-separated texts.
        var only = (Environment.GetEnvironmentVariable("RELIABILITY_ONLY") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var fault in FaultsOf(profile, includeDiskFull: profile.FillsDisk && !notRun.Any(n => n.StartsWith("intake's", StringComparison.Ordinal)),
                         includePartition: platform.Partition is not null)
                     .Where(f => only.Length == 0 || f is Baseline || only.Any(o => f.Name.Contains(o, StringComparison.OrdinalIgnoreCase))))
        {
            var row = await new FaultPhase(platform, profile, reconciler, fault).RunAsync(ct);
            rows.Add(row);
            TestContext.Current.SendDiagnosticMessage($"{row.Fault}: {(row.Passed ? "ok" : "FAILED")}");
            // Written after every fault: if the run is cut off, the faults done so far are on record.
            table = FaultTable.Render(profile, rows, commit, notRun);
            await File.WriteAllTextAsync(report, table, ct);
        }
        TestContext.Current.TestOutputHelper?.WriteLine(table);

        Assert.True(rows.All(r => r.Passed), table);
    }

    private static IEnumerable<Fault> FaultsOf(Profile profile, bool includeDiskFull, bool includePartition)
    {
        yield return new Baseline();
        yield return new BrokerRestart();
        if (profile.ClustersBroker) yield return new BrokerNodeLost();
        foreach (var service in profile.CrashedServices) yield return new ServiceCrash(service);
        yield return new IdentityDown();
        yield return new GatewayCrash();
        yield return new DatabaseStop();
        if (profile.FillsDisk && includeDiskFull) yield return new DiskFull();
        if (profile.JumpsClock) yield return new ClockJump();
        if (profile.PartitionsNetwork && includePartition) yield return new NetworkPartitioned();
        yield return new ConsumerPause();
        yield return new DuplicateDeliveries();
        yield return new PoisonMessage();
        // Last: Monitoring's database stays on the promoted standby, which stops with the suite.
        if (profile.FailsOver) yield return new DatabaseFailover();
    }

    /// <summary>Maastricht's wijkteam coordinates the journeys' cases and wants to hear of each.</summary>
    internal static async Task SubscribeCoordinatorAsync(FaultPlatform platform, NotificationSink sink, CancellationToken ct)
    {
        using var maastricht = await DemoClients.ClientAsync(platform.Gateway, DemoClients.Municipality, ct, TimeSpan.FromSeconds(30));
        var response = await maastricht.PostAsJsonAsync("/api/subscriptions/subscriptions", new
        {
            callbackUrl = sink.CallbackUrl,
            channels = new[] { "cases" },
            eventTypes = new[] { "CaseOpened" },
        }, ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    private static string Commit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root(),
            })!;
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return commit.Length > 0 ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception) { return "unknown"; }
    }
}
