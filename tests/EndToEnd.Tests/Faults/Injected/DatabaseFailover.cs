using System.Diagnostics;
using System.Globalization;
using System.Net;
using Npgsql;
using Platform.AppHost;
using Platform.EndToEnd.Tests.Faults.Control;
using Platform.LocalServers;
using Platform.ServiceDefaults;
using Platform.TestInfrastructure;

namespace Platform.EndToEnd.Tests.Faults.Injected;

/// <summary>
/// Monitoring's PostgreSQL primary is lost and its streaming standby promoted (#28), as CloudNativePG fails over in a
/// cluster. The arrangement is the platform's: with <c>Platform:FailoverDatabaseServers</c> the AppHost runs a streaming
/// standby beside Monitoring's server, on the port its connection string names as the second host. The fault makes the
/// standby synchronous (every commit Monitoring is told of is on both, as <c>minSyncReplicas: 1</c> in
/// deploy/base/platform/postgres.yaml), stops the primary at once (SIGQUIT, no checkpoint) and promotes the standby.
/// Monitoring must find the new primary by itself (Npgsql tries both hosts and takes the one that is primary), answer 503
/// with Retry-After meanwhile, and nothing it acknowledged may be missing: the reconciliation counts its journal entries
/// for every accepted journey. The promoted standby now runs alone: <c>DatabaseStandbyMissing</c> must fire. Recovery is
/// what CloudNativePG does next: the lost primary's folder is made a standby of the new primary (a fresh base backup)
/// and started again, and the alert must clear. Monitoring's primary is then the former standby: the fault runs last.
/// </summary>
public sealed class DatabaseFailover : Fault
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(60);
    private string? _password;
    private int _formerPrimaryPort, _newPrimaryPort;
    private string? _formerPrimaryDirectory;

    public override string Name => "monitoring's PostgreSQL primary lost, its synchronous standby promoted, a new standby built";

    /// <summary>The failover itself is over at once; what holds is a primary without its standby, until one is built.</summary>
    public override TimeSpan Hold(Profile profile) => TimeSpan.FromSeconds(10);

    public override string? Alert => "DatabaseStandbyMissing";

    public override async Task InjectAsync(FaultContext context)
    {
        var ct = context.Cancellation;
        var connection = new NpgsqlConnectionStringBuilder(await context.Platform.ConnectionStringAsync(FaultPlatform.OwnDatabase));
        var hosts = connection.Host!.Split(',');
        if (hosts.Length != 2) throw new InvalidOperationException($"{FaultPlatform.OwnDatabase} names no standby (Platform:FailoverDatabaseServers): {connection.Host}");
        _formerPrimaryPort = int.Parse(hosts[0].Split(':')[1], CultureInfo.InvariantCulture);
        _newPrimaryPort = int.Parse(hosts[1].Split(':')[1], CultureInfo.InvariantCulture);
        _password = connection.Password!;
        var primary = Superuser(_formerPrimaryPort);
        _formerPrimaryDirectory = await ScalarAsync<string>(primary, "SHOW data_directory", ct);

        // The AppHost's standby, streaming; made synchronous: a commit returns once the standby has it, so a failover
        // loses nothing acknowledged. ALTER SYSTEM writes the primary's own settings: the standby, made before, has none
        // of it, so once promoted it does not wait for a standby it no longer has.
        await Eventually.TrueAsync(async () => await ScalarAsync<long>(primary,
            "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'standby' AND state = 'streaming'", ct) == 1,
            "the standby streaming from the primary", ReadyLimit, ct);
        await ExecuteAsync(primary, "ALTER SYSTEM SET synchronous_standby_names = 'standby'", ct);
        await ExecuteAsync(primary, "SELECT pg_reload_conf()", ct);
        await Eventually.TrueAsync(async () => await ScalarAsync<string>(primary,
            "SELECT coalesce(max(sync_state), '') FROM pg_stat_replication WHERE application_name = 'standby'", ct) == "sync",
            "the standby synchronous", ReadyLimit, ct);
        context.Notes.Add($"the standby of {FaultPlatform.OwnDatabaseServer} synchronous on port {_newPrimaryPort}");

        // The fault: the primary is lost; the standby is promoted.
        await context.Platform.Resources.StopPostgresImmediatelyAsync(FaultPlatform.OwnDatabaseServer, ct);
        var clock = Stopwatch.StartNew();
        var promoted = Superuser(_newPrimaryPort);
        await ExecuteAsync(promoted, "SELECT pg_promote(wait => true)", ct);
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

    /// <summary>
    /// As CloudNativePG rebuilds a lost primary: its folder emptied and filled with a base backup of the new primary,
    /// set to follow it (<c>-R</c>), and the server resource started again, now as a standby. The new primary has its
    /// standby again; Monitoring's connection string names both, so nothing about the service changes.
    /// </summary>
    public override async Task LiftAsync(FaultContext context)
    {
        var ct = context.Cancellation;
        var directory = _formerPrimaryDirectory ?? throw new InvalidOperationException("Lifted before it was injected.");
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo folder) folder.Delete(recursive: true);
            else entry.Delete();
        }
        var (backup, prefix) = ServiceUsers.RunAs("postgres", Path.Combine(LocalPostgres.FindBinaries(), "pg_basebackup"));
        await ServiceUsers.RunAsync(backup, [.. prefix, "-h", "127.0.0.1", "-p", _newPrimaryPort.ToString(CultureInfo.InvariantCulture), "-U", "postgres",
            "-D", directory, "-X", "stream", "-R", "-c", "fast", "-d", "application_name=rebuilt"], new Dictionary<string, string> { ["PGPASSWORD"] = _password! });
        await context.Platform.Resources.StartAsync(FaultPlatform.OwnDatabaseServer, ct);
        await Eventually.TrueAsync(async () => await ScalarAsync<long>(Superuser(_newPrimaryPort),
            "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'rebuilt' AND state = 'streaming'", ct) == 1,
            "the former primary streaming from the new one, as its standby", ReadyLimit, ct);
        context.Notes.Add($"the former primary's folder rebuilt from the new primary (pg_basebackup) and streaming from it as its standby");
    }

    private string Superuser(int port) => $"Host=127.0.0.1;Port={port};Username=postgres;Password={_password};Database=postgres";

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
