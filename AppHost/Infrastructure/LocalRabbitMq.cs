namespace Platform.AppHost.Infrastructure;

/// <summary>A RabbitMQ node with its data, logs and configuration in a folder of our own, management plugin on.</summary>
internal sealed record LocalRabbitMq(
    string BaseDirectory, int Port, int ManagementPort, string Command, string[] Arguments,
    IReadOnlyDictionary<string, string> Environment)
{
    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{Port}";
    public string ManagementUrl => $"http://127.0.0.1:{ManagementPort}";

    public static LocalRabbitMq Prepare(string directory, int port, int distributionPort, int managementPort, string nodeId)
    {
        const string server = "/usr/lib/rabbitmq/bin/rabbitmq-server";
        if (!File.Exists(server))
            throw new InvalidOperationException(
                "RabbitMQ is not installed. Run ./run.sh (it installs it), or: apt-get install -y rabbitmq-server");

        Directory.CreateDirectory(directory);
        var pluginsFile = Path.Combine(directory, "enabled_plugins");
        File.WriteAllText(pluginsFile, "[rabbitmq_management].\n");
        var configFile = Path.Combine(directory, "rabbitmq.conf");
        File.WriteAllText(configFile,
            $"""
            listeners.tcp.default = 127.0.0.1:{port}
            management.tcp.ip = 127.0.0.1
            management.tcp.port = {managementPort}
            # guest may only log in from loopback, which is where everything here runs.
            loopback_users.guest = true
            """);
        ServiceUsers.GiveTo("rabbitmq", directory);

        var (command, prefix) = ServiceUsers.RunAs("rabbitmq", server);
        var environment = new Dictionary<string, string>
        {
            ["RABBITMQ_NODENAME"] = $"village-{nodeId}@localhost",
            ["RABBITMQ_NODE_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = distributionPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = pluginsFile,
            ["RABBITMQ_CONFIG_FILE"] = configFile,
            ["RABBITMQ_PID_FILE"] = Path.Combine(directory, "rabbitmq.pid"),
            // Logs to the console, so they show in the dashboard.
            ["RABBITMQ_LOGS"] = "-",
        };
        return new LocalRabbitMq(directory, port, managementPort, command, prefix, environment);
    }
}
