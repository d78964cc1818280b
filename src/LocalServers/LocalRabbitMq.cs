using System.Globalization;

namespace Platform.LocalServers;

/// <summary>A RabbitMQ node with its data, logs and configuration in a folder of our own, management plugin on.</summary>
public sealed record LocalRabbitMq(
    string BaseDirectory, string Node, int Port, int ManagementPort, string Command, string[] Arguments,
    IReadOnlyDictionary<string, string> Environment)
{
    private const string Server = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string Ctl = "/usr/lib/rabbitmq/bin/rabbitmqctl";

    /// <summary>guest may only log in from loopback, which is where everything here runs.</summary>
    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{Port}";
    public string ManagementUrl => $"http://127.0.0.1:{ManagementPort}";

    /// <summary>
    /// The connection string of a service's own broker user (<see cref="BrokerAccess"/>), at <paramref name="address"/>
    /// (<c>host:port</c>) where the service reaches the broker through something in between (the fault suite's
    /// partitionable path), otherwise at this node.
    /// </summary>
    public string ConnectionStringAs(string user, string password, string? address = null) =>
        $"amqp://{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password)}@{address ?? $"127.0.0.1:{Port}"}";

    /// <summary>
    /// The connection string's <c>cluster</c> parameter naming every node of a cluster (this one first), which the services'
    /// bus tries in turn (Platform.Messaging's <c>RabbitMqConnection</c>): when the node they are connected to is lost,
    /// they reconnect to another. Empty for a single node.
    /// </summary>
    public static string ClusterParameter(IReadOnlyList<LocalRabbitMq> nodes) => nodes.Count <= 1 ? ""
        : "?cluster=" + string.Join(",", nodes.Select(n => $"127.0.0.1:{n.Port.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>
    /// Waits until the node's cluster has <paramref name="nodes"/> running members (its management API's view):
    /// services must not declare their quorum queues before every member is there to hold a replica.
    /// </summary>
    public async Task WaitForClusterAsync(int nodes, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri(ManagementUrl), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8));
        using var answer = await http.GetAsync(new Uri("api/nodes", UriKind.Relative), ct);
        answer.EnsureSuccessStatusCode();
        using var body = await System.Text.Json.JsonDocument.ParseAsync(await answer.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        var running = body.RootElement.EnumerateArray().Count(n => n.TryGetProperty("running", out var r) && r.GetBoolean());
        if (running < nodes) throw new InvalidOperationException($"{running} of the cluster's {nodes} nodes running.");
    }

    /// <summary>Where RabbitMQ's Prometheus plugin answers (<c>/metrics/per-object</c>: every queue's depth), when it was asked for.</summary>
    public int? PrometheusPort { get; init; }

    /// <summary>The quorum queues' write-ahead log size at which it rolls over and frees its memory (as in the cluster's config).</summary>
    public const long WalMaxSizeBytes = 64_000_000;

    /// <summary>Writes the node's configuration into <paramref name="directory"/> and says how to run it.</summary>
    /// <param name="prometheusPort">
    /// With a port, the Prometheus plugin serves the broker's metrics there (loopback only): what the local
    /// Prometheus scrapes for the queue alerts (AppHost; #28). Without, as for the tests' throwaway brokers, it is off.
    /// </param>
    /// <param name="joins">
    /// With a node's name, this node joins that node's cluster when it first starts (classic peer discovery: it keeps
    /// looking for ten minutes, so it may start alongside the node it joins, however slowly that one boots; a node that
    /// gave up would start a cluster of its own and never look again). The fault suite's three-node cluster (#28).
    /// </param>
    public static LocalRabbitMq Prepare(string directory, string node, int port, int distributionPort, int managementPort,
        Durability durability = Durability.Durable, int? prometheusPort = null, string? joins = null)
    {
        if (!File.Exists(Server))
            throw new InvalidOperationException(
                "RabbitMQ is not installed. Run ./scripts/run.sh (it installs it), or: apt-get install -y rabbitmq-server");

        Directory.CreateDirectory(directory);
        var pluginsFile = Path.Combine(directory, "enabled_plugins");
        File.WriteAllText(pluginsFile, prometheusPort is null ? "[rabbitmq_management].\n" : "[rabbitmq_management,rabbitmq_prometheus].\n");
        var prometheusListener = prometheusPort is { } metrics
            ? $"prometheus.tcp.ip = 127.0.0.1\nprometheus.tcp.port = {metrics.ToString(CultureInfo.InvariantCulture)}\n"
            : "";
        var configFile = Path.Combine(directory, "rabbitmq.conf");
        File.WriteAllText(configFile,
            $"""
            listeners.tcp.default = 127.0.0.1:{port}
            management.tcp.ip = 127.0.0.1
            management.tcp.port = {managementPort}
            loopback_users.guest = true
            # Quorum queues keep what their write-ahead log holds in memory until the log rolls over: at the default
            # 512 MB that is the broker's memory climbing for an hour under steady traffic (the soak, docs/operations.md).
            raft.wal_max_size_bytes = {WalMaxSizeBytes}

            """ + prometheusListener + (joins is null ? "" : $"""
            cluster_formation.peer_discovery_backend = classic_config
            cluster_formation.classic_config.nodes.1 = {joins}
            cluster_formation.discovery_retry_limit = 600
            cluster_formation.discovery_retry_interval = 1000

            """));
        // Quorum queues' write-ahead log (Ra) syncs every batch to disk by default. A throwaway node
        // leaves that to the operating system: a killed broker loses nothing the kernel was given.
        var advancedFile = Path.Combine(directory, "advanced.config");
        File.WriteAllText(advancedFile, durability == Durability.Throwaway ? "[{ra, [{wal_sync_method, none}]}].\n" : "[].\n");
        ServiceUsers.GiveTo("rabbitmq", directory);

        // Each quorum queue holds files open: at the user's default soft limit (1024 on Debian) a
        // broker with a few hundred queues (a full test run's virtual hosts) stops starting new
        // virtual hosts without an error. Raise the soft limit to the hard one, then become the server.
        var (command, shell) = ServiceUsers.RunAs("rabbitmq", "/bin/sh");
        string[] prefix = [.. shell, "-c", "ulimit -n \"$(ulimit -Hn)\"; exec \"$0\" \"$@\"", Server];
        var environment = new Dictionary<string, string>(CliEnvironment(node))
        {
            ["RABBITMQ_NODE_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = distributionPort.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = pluginsFile,
            ["RABBITMQ_CONFIG_FILE"] = configFile,
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = advancedFile,
            ["RABBITMQ_PID_FILE"] = Path.Combine(directory, "rabbitmq.pid"),
            // Logs to the console: the dashboard (AppHost) or the server's log file (tests) shows them.
            ["RABBITMQ_LOGS"] = "-",
            // Erlang's schedulers spin a while before they sleep, to answer the next message a little sooner. On a
            // developer's or CI's two cores, shared with a dozen .NET processes and PostgreSQL, that spinning is CPU taken
            // from them (RabbitMQ was the largest single user of CPU in a test run). Off: they sleep when idle.
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "+sbwt none +sbwtdcpu none +sbwtdio none",
        };
        return new LocalRabbitMq(directory, node, port, managementPort, command, prefix, environment) { PrometheusPort = prometheusPort };
    }

    /// <summary>
    /// Runs <c>rabbitmqctl -n node command</c>, e.g. <c>stop_app</c> to take the broker away from its
    /// clients and <c>start_app</c> to bring it back.
    /// </summary>
    public static Task ControlAsync(string node, string command)
    {
        var (run, prefix) = ServiceUsers.RunAs("rabbitmq", Ctl);
        return ServiceUsers.RunAsync(run, [.. prefix, "-n", node, command], CliEnvironment(node));
    }

    /// <summary>The server and its CLI must share the Erlang cookie in HOME: as root, the rabbitmq user's.</summary>
    private static Dictionary<string, string> CliEnvironment(string node)
    {
        var environment = new Dictionary<string, string> { ["RABBITMQ_NODENAME"] = node };
        if (ServiceUsers.IsRoot) environment["HOME"] = "/var/lib/rabbitmq";
        return environment;
    }
}
