using System.Net;
using Npgsql;

namespace Platform.LocalServers;

/// <summary>
/// A throwaway PostgreSQL and RabbitMQ, started together under one folder on free ports and
/// waited for until each accepts connections; disposing kills both and deletes the folder.
/// For the tests and <c>scripts/test.sh</c>; the AppHost runs the same prepared servers as
/// executable resources instead.
/// </summary>
public sealed class RunningServers : IAsyncDisposable
{
    private readonly List<ServerProcess> _processes;

    private RunningServers(string root, LocalPostgres postgres, LocalRabbitMq rabbit, List<ServerProcess> processes) =>
        (Root, Postgres, RabbitMq, _processes) = (root, postgres, rabbit, processes);

    public string Root { get; }
    public LocalPostgres Postgres { get; }
    public LocalRabbitMq RabbitMq { get; }

    /// <summary>Process group ids of the servers (see <see cref="ServerProcess"/>).</summary>
    public IEnumerable<int> ProcessIds => _processes.Select(p => p.Id);

    /// <summary>Starts both servers under a new folder in <paramref name="parent"/> (default: <see cref="ScratchSpace"/>).</summary>
    public static async Task<RunningServers> StartAsync(string? parent = null, TimeSpan? timeout = null)
    {
        var root = parent is null
            ? ScratchSpace.NewFolder("platform-servers-")
            : Directory.CreateDirectory(Path.Combine(parent, $"platform-servers-{Guid.NewGuid():N}"[..30])).FullName;
        // The servers run as their own users: they must reach their folders inside this one.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
        ServiceUsers.MakeTraversable(root);

        var postgres = LocalPostgres.Prepare(Path.Combine(root, "postgres"), FreePort.Next(), durability: Durability.Throwaway);
        var amqp = FreePort.Next();
        var rabbit = LocalRabbitMq.Prepare(Path.Combine(root, "rabbitmq"), $"tests-{amqp}@localhost", amqp, FreePort.Next(), FreePort.Next(), Durability.Throwaway);
        var processes = new List<ServerProcess>
        {
            ServerProcess.Start(postgres.Command, postgres.Arguments, Path.Combine(root, "postgres.log")),
            ServerProcess.Start(rabbit.Command, rabbit.Arguments, Path.Combine(root, "rabbitmq.log"), rabbit.Environment),
        };
        var servers = new RunningServers(root, postgres, rabbit, processes);
        try
        {
            var limit = timeout ?? TimeSpan.FromSeconds(120);
            await Task.WhenAll(
                WaitUntilAsync(() => PostgresAnswersAsync(postgres), "PostgreSQL", Path.Combine(root, "postgres.log"), limit),
                WaitUntilAsync(() => RabbitMqAnswersAsync(rabbit), "RabbitMQ", Path.Combine(root, "rabbitmq.log"), limit));
            return servers;
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var process in _processes) process.Dispose();
        try { Directory.Delete(Root, recursive: true); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { /* a server's last file; the temp folder is cleaned anyway */ }
        return ValueTask.CompletedTask;
    }

    private static async Task PostgresAnswersAsync(LocalPostgres postgres)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
    }

    /// <summary>The management API answers 401 without credentials once the node and its plugins run.</summary>
    private static async Task RabbitMqAnswersAsync(LocalRabbitMq rabbit)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var response = await http.GetAsync(new Uri($"{rabbit.ManagementUrl}/api/overview"));
        if (response.StatusCode != HttpStatusCode.Unauthorized) response.EnsureSuccessStatusCode();
    }

    private static async Task WaitUntilAsync(Func<Task> probe, string what, string log, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try { await probe(); return; }
            catch (Exception) when (DateTime.UtcNow < deadline) { await Task.Delay(250); }
            catch (Exception ex)
            {
                var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(30)) : "(no log)";
                throw new InvalidOperationException($"{what} did not start within {limit.TotalSeconds:0} s. Its log:\n{tail}", ex);
            }
        }
    }
}
