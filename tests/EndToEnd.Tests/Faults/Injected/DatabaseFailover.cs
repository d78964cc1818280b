using System.Diagnostics;
using System.Net;
using Npgsql;
using Platform.AppHost;
using Platform.EndToEnd.Tests.Faults.Control;
using Platform.LocalServers;
using Platform.ServiceDefaults;
using Platform.TestInfrastructure;

namespace Platform.EndToEnd.Tests.Faults.Injected;

/// <summary>
/// Monitoring's PostgreSQL primary is lost and a streaming standby promoted (#28), as CloudNativePG fails over in a
/// cluster. First the arrangement: a standby is made from the running primary (<c>pg_basebackup</c>), started on the port
/// Monitoring's connection string already names as its second host (<c>Platform:FailoverDatabaseServers</c>), and made
/// synchronous, so that every commit Monitoring is told of is on both. Then the fault: the primary stops at once
/// (SIGQUIT, no checkpoint) and the standby is promoted. Monitoring must find the new primary by itself (Npgsql tries
/// both hosts and takes the one that is primary), answer 503 with Retry-After meanwhile, and nothing it acknowledged may
/// be missing: the reconciliation counts its journal entries for every accepted journey.
/// The promoted standby stays Monitoring's database (in a cluster a new standby would be built from it): so this fault
/// runs last, and the standby stops with the suite.
/// </summary>
public sealed class DatabaseFailover : Fault, IAsyncDisposable
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(60);
    private ServerProcess? _standby;
    private string? _directory;

    public override string Name => "monitoring's PostgreSQL primary lost, its synchronous standby promoted";

    /// <summary>The failover itself is the lifting: an operator (CloudNativePG) promotes at once.</summary>
    public override TimeSpan Hold(Profile profile) => TimeSpan.FromSeconds(10);

    public override async Task InjectAsync(FaultContext context)
    {
        var ct = context.Cancellation;
        var connection = new NpgsqlConnectionStringBuilder(await context.Platform.ConnectionStringAsync(FaultPlatform.OwnDatabase));
        var hosts = connection.Host!.Split(',');
        if (hosts.Length != 2) throw new InvalidOperationException($"{FaultPlatform.OwnDatabase} names no standby (Platform:FailoverDatabaseServers): {connection.Host}");
        var primaryPort = int.Parse(hosts[0].Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        var standbyPort = int.Parse(hosts[1].Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        var password = connection.Password!;
        var primary = $"Host=127.0.0.1;Port={primaryPort};Username=postgres;Password={password};Database=postgres";

        // The standby, from a base backup of the running primary, streaming.
        _directory = ScratchSpace.NewFolder("standby-");
        // PostgreSQL starts only on a data folder its owner alone may enter (0700).
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        ServiceUsers.GiveTo("postgres", _directory);
        var bin = LocalPostgres.FindBinaries();
        var (backup, prefix) = ServiceUsers.RunAs("postgres", Path.Combine(bin, "pg_basebackup"));
        await ServiceUsers.RunAsync(backup, [.. prefix, "-h", "127.0.0.1", "-p", $"{primaryPort}", "-U", "postgres", "-D", _directory, "-X", "stream", "-R",
            "-d", $"application_name=standby password={password}"], new Dictionary<string, string> { ["PGPASSWORD"] = password });
        await File.WriteAllTextAsync(_directory + ".password", password, ct);
        var standby = LocalPostgres.Prepare(_directory, standbyPort, durability: Durability.Throwaway);
        _standby = ServerProcess.Start(standby.Command, standby.Arguments, _directory + ".log");
        await Eventually.TrueAsync(async () => await ScalarAsync<long>(primary,
            "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'standby' AND state = 'streaming'", ct) == 1,
            "the standby streaming from the primary", ReadyLimit, ct);
        // Synchronous: a commit returns once the standby has it, so a failover loses nothing acknowledged (as CloudNativePG's
        // minSyncReplicas: 1 in deploy/base/platform/postgres.yaml).
        await ExecuteAsync(primary, "ALTER SYSTEM SET synchronous_standby_names = 'standby'", ct);
        await ExecuteAsync(primary, "SELECT pg_reload_conf()", ct);
        await Eventually.TrueAsync(async () => await ScalarAsync<string>(primary,
            "SELECT coalesce(max(sync_state), '') FROM pg_stat_replication WHERE application_name = 'standby'", ct) == "sync",
            "the standby synchronous", ReadyLimit, ct);
        context.Notes.Add($"a synchronous standby of {FaultPlatform.OwnDatabaseServer} streaming on port {standbyPort}");

        // The fault: the primary is lost; the standby is promoted.
        await context.Platform.Resources.StopPostgresImmediatelyAsync(FaultPlatform.OwnDatabaseServer, ct);
        var clock = Stopwatch.StartNew();
        var (promote, promotePrefix) = ServiceUsers.RunAs("postgres", Path.Combine(bin, "pg_ctl"));
        await ServiceUsers.RunAsync(promote, [.. promotePrefix, "promote", "-w", "-D", _directory]);
        var promoted = $"Host=127.0.0.1;Port={standbyPort};Username=postgres;Password={password};Database=postgres";
        await Eventually.TrueAsync(async () => !await ScalarAsync<bool>(promoted, "SELECT pg_is_in_recovery()", ct), "the standby promoted", ReadyLimit, ct);
        context.Notes.Add($"primary stopped (SIGQUIT), standby promoted {clock.Elapsed.TotalSeconds:0.0} s later");
    }

    /// <summary>Monitoring on the promoted standby: its API answers again, without a restart.</summary>
    public override async Task ObserveAsync(FaultContext context)
    {
        using var municipality = await DemoClients.ClientAsync(context.Platform.Gateway, DemoClients.Municipality, context.Cancellation, TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        var seen = new List<int>();
        await Eventually.TrueAsync(async () =>
        {
            using var response = await municipality.GetAsync("/api/monitoring/indicators", context.Cancellation);
            seen.Add((int)response.StatusCode);
            return response.StatusCode == HttpStatusCode.OK;
        }, "Monitoring answering from the promoted standby", ReadyLimit, context.Cancellation);
        context.Notes.Add($"GET /api/monitoring/indicators answered 200 again {clock.Elapsed.TotalSeconds:0.0} s into the observation (answers meanwhile: {string.Join(", ", seen.Distinct())})");
        context.Expect(seen.All(s => s is 200 or 503), $"Monitoring answered {string.Join(", ", seen.Distinct())} during the failover; expected 503 (with Retry-After) or 200.");
    }

    public override Task LiftAsync(FaultContext context) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        // After the suite's last reconciliation: the standby (Monitoring's database by now) goes with the platform.
        _standby?.Dispose();
        _standby = null;
        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
                File.Delete(_directory + ".password");
                File.Delete(_directory + ".log");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
            _directory = null;
        }
        return ValueTask.CompletedTask;
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(sql, connection);
            return (T)(await command.ExecuteScalarAsync(ct))!;
        }
        catch (NpgsqlException) when (typeof(T) == typeof(bool)) { return (T)(object)true; } // not up yet: still "in recovery"
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
