using System.Globalization;
using System.Text;
using Platform.LocalServers;
using Platform.ServiceDefaults;

namespace Platform.AppHost.Infrastructure;

/// <summary>
/// Prometheus, from Debian's <c>prometheus</c> package, as an executable resource beside the platform (#28):
/// it scrapes every service's <c>/metrics</c> and the broker's queues, and evaluates the very alert rules the cluster gets
/// (deploy/base/monitoring/alerts.yaml), so an operator sees locally which alert a fault raises. Its
/// targets are written once the services' ports are known, just before it starts. Without the package
/// (a machine set up by hand) the platform runs without it and says so.
/// </summary>
internal static class LocalPrometheus
{
    private const string Program = "/usr/bin/prometheus";

    /// <summary>How often it scrapes and evaluates: short, so an alert's <c>for</c> is what decides when it fires.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    public static void Add(IDistributedApplicationBuilder builder, PlatformInfrastructure infrastructure,
        IResourceBuilder<ProjectResource> readyWhen, params IResourceBuilder<ProjectResource>[] services)
    {
        if (!File.Exists(Program))
        {
            Console.WriteLine($"{Program} not found (Debian's prometheus package): the platform runs without a local Prometheus.");
            return;
        }
        foreach (var service in services) service.WithEnvironment("Telemetry__PrometheusScraping", "true");

        var folder = Path.Combine(infrastructure.DataDirectory, ResourceNames.Prometheus);
        Directory.CreateDirectory(folder);
        var port = FreePort.Next();
        var config = Path.Combine(folder, "prometheus.yml");
        var rules = Path.Combine(folder, "alerts.rules.yml");
        var prometheus = builder.AddExecutable(ResourceNames.Prometheus, Program, folder,
                $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder, "data")}",
                $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                "--storage.tsdb.retention.time=2d")
            .WithHttpEndpoint(port: port, targetPort: port, name: "http", isProxied: false)
            .WithHttpHealthCheck("/-/ready")
            .WithUrl($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/alerts", "Prometheus: alerts")
            // The services' ports are known by then, and their metrics worth reading.
            .WaitFor(readyWhen);

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(prometheus.Resource, async (_, ct) =>
        {
            await File.WriteAllTextAsync(rules, RulesOf(Path.Combine(builder.AppHostDirectory, "..", "deploy", "base", "monitoring", "alerts.yaml")), ct);
            var targets = new List<(string Job, string Target)>();
            foreach (var service in services)
            {
                var url = new Uri(await service.GetEndpoint("http").GetValueAsync(ct) ?? throw new InvalidOperationException($"{service.Resource.Name} has no http endpoint."));
                targets.Add((service.Resource.Name, $"localhost:{url.Port.ToString(CultureInfo.InvariantCulture)}"));
            }
            await File.WriteAllTextAsync(config, Config(rules, targets, infrastructure.BrokerMetricsPorts), ct);
        });
    }

    /// <summary>
    /// The rule groups of the PrometheusRule manifest as a plain rules file: its <c>spec</c> block, one level
    /// less indented (what deploy/validate/rules-of.mjs does for promtool, without a YAML library here).
    /// </summary>
    internal static string RulesOf(string prometheusRule)
    {
        var lines = File.ReadAllLines(prometheusRule);
        var spec = Array.FindIndex(lines, l => l.TrimEnd() == "spec:");
        if (spec < 0) throw new InvalidOperationException($"{prometheusRule}: no top-level spec.");
        var rules = new StringBuilder();
        foreach (var line in lines.Skip(spec + 1))
        {
            if (line.Length > 0 && !line.StartsWith("  ", StringComparison.Ordinal)) break; // the next top-level key
            rules.AppendLine(line.Length >= 2 ? line[2..] : line);
        }
        return rules.ToString();
    }

    private static string Config(string rules, IEnumerable<(string Job, string Target)> targets, IReadOnlyList<int> brokerMetricsPorts)
    {
        var interval = $"{Interval.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s";
        var config = new StringBuilder($"""
            global:
              scrape_interval: {interval}
              evaluation_interval: {interval}
            rule_files: ["{rules}"]
            scrape_configs:

            """);
        // job = the service's name, as the collector's exporter labels it in a cluster: the rules group by it.
        foreach (var (job, target) in targets)
            config.Append(CultureInfo.InvariantCulture, $"""
                  - job_name: {job}
                    static_configs: [{"{"} targets: ["{target}"] {"}"}]

                """);
        // The broker's queues one by one (per-object: the error queues, a consumer's queue growing or without a consumer),
        // every 15 s as the cluster's ServiceMonitor does: QueueWithoutConsumer (for 1 minute) must fire within two.
        // Every node of a cluster: each reports the queues it leads, and a node that cannot be scraped is down (BrokerNodeDown).
        if (brokerMetricsPorts.Count > 0)
            config.Append(CultureInfo.InvariantCulture, $"""
                  - job_name: {ResourceNames.Messaging}
                    scrape_interval: 15s
                    metrics_path: /metrics/per-object
                    static_configs: [{"{"} targets: [{string.Join(", ", brokerMetricsPorts.Select(p => $"\"127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}\""))}] {"}"}]

                """);
        return config.ToString();
    }
}
