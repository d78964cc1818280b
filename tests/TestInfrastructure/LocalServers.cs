using System.Diagnostics;
using Npgsql;

namespace Platform.TestInfrastructure;

/// <summary>
/// Throwaway PostgreSQL and RabbitMQ processes from the Debian packages, in a temporary folder,
/// killed (folder and all) when the test assembly ends.
/// </summary>
internal sealed class LocalServers(string root, Process postgres, Process rabbit) : IAsyncDisposable
{
    public static async Task<TestServers> StartAsync()
    {
        var root = Directory.CreateTempSubdirectory("platform-tests-").FullName;
        if (Processes.IsRoot && !OperatingSystem.IsWindows()) File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);

        var pgPort = Processes.FreePort();
        var postgres = await StartPostgresAsync(Path.Combine(root, "pg"), pgPort);
        var (rabbit, amqpPort, managementPort, node) = await StartRabbitMqAsync(Path.Combine(root, "rabbitmq"));
        return new TestServers
        {
            PostgresConnectionString = $"Host=127.0.0.1;Port={pgPort};Username=postgres;Password=postgres;Database=postgres",
            RabbitMqHost = "127.0.0.1",
            RabbitMqPort = amqpPort,
            RabbitMqManagement = new Uri($"http://127.0.0.1:{managementPort}"),
            Broker = new RabbitMqCtlBroker(node),
            Owned = new LocalServers(root, postgres, rabbit),
        };
    }

    private static async Task<Process> StartPostgresAsync(string data, int port)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).OrderDescending()
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed: apt-get install -y postgresql");
        Directory.CreateDirectory(data);
        Processes.Chown("postgres", data);
        // Trust on loopback only: a throwaway server that lives as long as this test assembly.
        await Processes.RunAsync(Processes.AsServiceUser("postgres", Path.Combine(bin, "initdb"),
            ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]));
        var process = StartDrained(Processes.AsServiceUser("postgres", Path.Combine(bin, "postgres"),
            ["-D", data, "-p", port.ToString(), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=300"]));
        await WaitUntilAsync(async () =>
        {
            await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres");
            await connection.OpenAsync();
        }, "PostgreSQL");
        return process;
    }

    private static async Task<(Process, int, int, string)> StartRabbitMqAsync(string dir)
    {
        const string server = "/usr/lib/rabbitmq/bin/rabbitmq-server";
        if (!File.Exists(server)) throw new InvalidOperationException("RabbitMQ is not installed: apt-get install -y rabbitmq-server");
        var (amqp, dist, management) = (Processes.FreePort(), Processes.FreePort(), Processes.FreePort());
        var node = $"tests-{amqp}@localhost";
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "enabled_plugins"), "[rabbitmq_management].\n");
        File.WriteAllText(Path.Combine(dir, "rabbitmq.conf"),
            $"listeners.tcp.default = 127.0.0.1:{amqp}\nmanagement.tcp.ip = 127.0.0.1\nmanagement.tcp.port = {management}\n");
        Processes.Chown("rabbitmq", dir);
        var start = Processes.AsServiceUser("rabbitmq", server, []);
        start.Environment["RABBITMQ_NODENAME"] = node;
        start.Environment["RABBITMQ_DIST_PORT"] = dist.ToString();
        start.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(dir, "mnesia");
        start.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(dir, "log");
        start.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(dir, "enabled_plugins");
        start.Environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(dir, "rabbitmq.conf");
        start.Environment["RABBITMQ_PID_FILE"] = Path.Combine(dir, "rabbitmq.pid");
        if (Processes.IsRoot) start.Environment["HOME"] = "/var/lib/rabbitmq";
        var process = StartDrained(start);
        using var http = new HttpClient();
        await WaitUntilAsync(async () =>
        {
            var response = await http.GetAsync($"http://127.0.0.1:{management}/api/overview");
            if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized) response.EnsureSuccessStatusCode();
        }, "RabbitMQ");
        return (process, amqp, management, node);
    }

    /// <summary>Starts a server and reads its output, so a full pipe never blocks it.</summary>
    private static Process StartDrained(ProcessStartInfo start)
    {
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilAsync(Func<Task> probe, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try { await probe(); return; }
            catch (Exception) when (DateTime.UtcNow < deadline) { await Task.Delay(300); }
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var process in new[] { rabbit, postgres })
        {
            try { process.Kill(entireProcessTree: true); process.WaitForExit(10_000); }
            catch (InvalidOperationException) { }
        }
        try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }
}
