using Npgsql;
using Platform.LocalServers;

namespace Platform.TestInfrastructure;

/// <summary>
/// A database's disk, full: a small tmpfs mounted as a PostgreSQL tablespace, a database's tables and indexes moved
/// onto it (<see cref="MoveAsync"/>), then every byte left taken by a file (<see cref="FillAsync"/>). PostgreSQL then
/// refuses any write that needs a new page with <c>disk_full</c> (SQLSTATE 53100), as on a full volume, while the
/// server and every other database carry on; <see cref="Free"/> gives the space back. Disposing moves the tables
/// back, drops the tablespace and unmounts.
/// </summary>
/// <remarks>
/// Mounting needs root and a server whose files are on this machine (local processes, as in CI; not a container):
/// <see cref="TryCreateAsync"/> returns null elsewhere, and the caller says so (a skipped test, a skipped fault).
/// Only the mount point this class creates under the temporary folder is ever mounted or unmounted.
/// </remarks>
public sealed class FullDisk : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _mountPoint;
    private readonly string _filler;
    private readonly List<string> _moved = [];

    private FullDisk(string server, string tablespace, string mountPoint)
    {
        _server = server;
        Tablespace = tablespace;
        _mountPoint = mountPoint;
        _filler = Path.Combine(mountPoint, "filler");
    }

    public string Tablespace { get; }

    /// <summary>Why <see cref="TryCreateAsync"/> returns null here, or null when it can make a full disk.</summary>
    public static async Task<string?> WhyNotAsync(string serverConnectionString, CancellationToken ct)
    {
        if (!OperatingSystem.IsLinux() || !ServiceUsers.IsRoot) return "mounting a size-limited filesystem needs root on Linux";
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync(ct);
        await using var show = new NpgsqlCommand("SHOW data_directory", connection);
        var dataDirectory = (string)(await show.ExecuteScalarAsync(ct))!;
        return Directory.Exists(dataDirectory) ? null : "the PostgreSQL server's files are not on this machine (a container?)";
    }

    /// <param name="serverConnectionString">A superuser's connection to any database of the server.</param>
    /// <param name="megabytes">The filesystem's size: room for the moved tables as they are, and a little more.</param>
    public static async Task<FullDisk?> TryCreateAsync(string serverConnectionString, int megabytes, CancellationToken ct)
    {
        if (await WhyNotAsync(serverConnectionString, ct) is not null) return null;
        var tablespace = $"full_disk_{Guid.NewGuid():N}"[..20];
        var mountPoint = Path.Combine(Path.GetTempPath(), "platform-full-disks", tablespace);
        Directory.CreateDirectory(mountPoint);
        ServiceUsers.MakeTraversable(mountPoint);
        await ServiceUsers.RunAsync("mount", ["-t", "tmpfs", "-o", $"size={megabytes}m,mode=0700", "tmpfs", mountPoint]);
        var disk = new FullDisk(serverConnectionString, tablespace, mountPoint);
        try
        {
            ServiceUsers.GiveTo("postgres", mountPoint);
            await ExecuteAsync(serverConnectionString, $"CREATE TABLESPACE {tablespace} LOCATION '{mountPoint}'", ct);
            return disk;
        }
        catch
        {
            await disk.DisposeAsync();
            throw;
        }
    }

    /// <summary>The megabytes a small disk needs to hold the database's tables and indexes as they are, and a little more.</summary>
    public static async Task<int> MegabytesToHoldAsync(string databaseConnectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(databaseConnectionString);
        await connection.OpenAsync(ct);
        await using var size = new NpgsqlCommand(
            "SELECT coalesce(sum(pg_relation_size(c.oid)), 0)::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
            "WHERE c.relkind IN ('r', 'i', 't', 'm') AND c.reltablespace = 0 AND n.nspname NOT IN ('pg_catalog', 'information_schema')", connection);
        var bytes = (long)(await size.ExecuteScalarAsync(ct))!;
        return (int)(bytes / (1 << 20)) + 16;
    }

    /// <summary>Every table and index of the database (system catalogs aside) onto the small disk; briefly locks each.</summary>
    public async Task MoveAsync(string databaseConnectionString, CancellationToken ct)
    {
        await ExecuteAsync(databaseConnectionString,
            $"ALTER TABLE ALL IN TABLESPACE pg_default SET TABLESPACE {Tablespace}; ALTER INDEX ALL IN TABLESPACE pg_default SET TABLESPACE {Tablespace}", ct);
        _moved.Add(databaseConnectionString);
    }

    /// <summary>Takes every byte left on the small disk.</summary>
    public async Task FillAsync(CancellationToken ct)
    {
        var block = new byte[1 << 20];
        await using var file = new FileStream(_filler, FileMode.Append, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                await file.WriteAsync(block, ct);
                await file.FlushAsync(ct);
            }
        }
        catch (IOException)
        {
            // ENOSPC: the disk is full. Any partial block stays written: that is the point.
        }
    }

    /// <summary>The space comes back, as when an operator grows the volume.</summary>
    public void Free() => File.Delete(_filler);

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(_filler)) Free();
        foreach (var database in _moved)
        {
            try
            {
                await ExecuteAsync(database,
                    $"ALTER TABLE ALL IN TABLESPACE {Tablespace} SET TABLESPACE pg_default; ALTER INDEX ALL IN TABLESPACE {Tablespace} SET TABLESPACE pg_default", default);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                // The database was dropped already: its files went with it.
            }
        }
        try { await ExecuteAsync(_server, $"DROP TABLESPACE IF EXISTS {Tablespace}", default); }
        finally
        {
            await ServiceUsers.RunAsync("umount", [_mountPoint]);
            Directory.Delete(_mountPoint);
        }
    }

    /// <summary>
    /// Runs <paramref name="sql"/> (one transaction), again if PostgreSQL chose it as a deadlock's victim: moving every
    /// table of a database that is busy (the fault suite's traffic) locks them one after another, and a service's
    /// transaction holding two of them in the other order deadlocks with it. The victim's transaction is rolled back
    /// whole, so running it again is safe.
    /// </summary>
    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync(ct);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct);
            }
        }
    }
}
