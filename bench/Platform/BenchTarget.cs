using Platform.ServiceDefaults;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.AppHost;
using Platform.Bench.Measure;

namespace Platform.Bench.Platform;

/// <summary>Where the benchmark reaches a started platform: its addresses, databases, broker and processes.</summary>
public sealed class BenchTarget
{
    public required Uri Gateway { get; init; }
    public required Uri Intake { get; init; }
    public required Uri Monitoring { get; init; }
    public required string IntakeDb { get; init; }
    public required string MonitoringDb { get; init; }
    public required string Messaging { get; init; }
    public required PlatformProcesses Processes { get; init; }

    /// <summary>Reads everything the benchmark needs from a running <see cref="DistributedApplication"/>.</summary>
    public static async Task<BenchTarget> FromAsync(DistributedApplication app, CancellationToken ct)
    {
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var trees = new Dictionary<string, ProcessTree>();
        foreach (var resource in model.Resources)
        {
            if (!app.ResourceNotifications.TryGetCurrentState(resource.Name, out var state)) continue;
            var pids = state.Snapshot.Properties
                .Where(p => p.Name.EndsWith(".pid", StringComparison.Ordinal))
                .Select(p => int.TryParse(Convert.ToString(p.Value, CultureInfo.InvariantCulture), out var pid) ? pid : 0)
                .Where(pid => pid > 0).Distinct().ToList();
            if (pids.Count > 0) trees[resource.Name] = new ProcessTree(resource.Name, pids);
        }
        return new BenchTarget
        {
            Gateway = app.GetEndpoint(ResourceNames.Gateway, "http"),
            Intake = app.GetEndpoint(ResourceNames.Intake, "http"),
            Monitoring = app.GetEndpoint(ResourceNames.Monitoring, "http"),
            IntakeDb = await ConnectionStringAsync(app, ResourceNames.IntakeDb, ct),
            MonitoringDb = await ConnectionStringAsync(app, ResourceNames.MonitoringDb, ct),
            Messaging = await ConnectionStringAsync(app, ResourceNames.Messaging, ct),
            Processes = new PlatformProcesses(trees),
        };
    }

    private static async Task<string> ConnectionStringAsync(DistributedApplication app, string name, CancellationToken ct) =>
        await app.GetConnectionStringAsync(name, ct) ?? throw new InvalidOperationException($"No connection string '{name}'.");
}
