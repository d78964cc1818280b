using System.Globalization;
using System.Security.Cryptography;

namespace Platform.LocalServers;

/// <summary>
/// A PostgreSQL cluster in a folder of our own: initialised once (newest installed major version),
/// superuser <c>postgres</c> with a generated password (scram-sha-256, also on loopback), TCP only.
/// </summary>
public sealed record LocalPostgres(string DataDirectory, int Port, string Password, string Command, string[] Arguments)
{
    public string ConnectionString(string database) =>
        $"{HostsOf(Port, null)};Username=postgres;Password={Password};Database={database}";

    /// <summary>
    /// Where a client finds the server, and with a standby on <paramref name="standbyPort"/> both of them: Npgsql tries each and
    /// takes the one that is the primary (<c>Target Session Attributes=primary</c>), so after a failover the services follow the
    /// promoted standby by themselves, as they follow CloudNativePG's <c>-rw</c> service in a cluster.
    /// </summary>
    public static string HostsOf(int port, int? standbyPort) => standbyPort is { } standby
        ? $"Host=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)},127.0.0.1:{standby.ToString(CultureInfo.InvariantCulture)};Target Session Attributes=primary"
        : $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Initialises <paramref name="directory"/> unless it holds a cluster already, and says how to run it on <paramref name="port"/>.
    /// With <see cref="Durability.Throwaway"/> the server skips fsync (see <see cref="Durability"/>).
    /// </summary>
    public static LocalPostgres Prepare(string directory, int port, int maxConnections = 300, Durability durability = Durability.Durable)
    {
        var bin = FindBinaries();
        var passwordFile = directory + ".password";
        if (!File.Exists(Path.Combine(directory, "PG_VERSION")))
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            Directory.CreateDirectory(directory);
            File.WriteAllText(passwordFile, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
            // The superuser's password: readable by its owner only.
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            ServiceUsers.GiveTo("postgres", directory);
            ServiceUsers.GiveTo("postgres", passwordFile);
            var (command, prefix) = ServiceUsers.RunAs("postgres", Path.Combine(bin, "initdb"));
            ServiceUsers.Run(command, [.. prefix, "-D", directory, "-U", "postgres", "--pwfile", passwordFile,
                "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"]);
        }

        var password = File.ReadAllText(passwordFile).Trim();
        var (run, runPrefix) = ServiceUsers.RunAs("postgres", Path.Combine(bin, "postgres"));
        return new LocalPostgres(directory, port, password, run, [.. runPrefix, "-D", directory, .. ServerArguments(port, maxConnections, durability)]);
    }

    /// <summary>
    /// A streaming standby of this server in <paramref name="directory"/> on <paramref name="port"/>, as CloudNativePG runs
    /// one beside every primary: made afresh from a base backup of the running primary at every start (so it never
    /// replays a history that is not its primary's), then started in standby mode. One command, so the AppHost can run
    /// it as a resource that waits for the primary. The primary's superuser password comes in <c>PGPASSWORD</c>.
    /// </summary>
    public (string Command, string[] Arguments, IReadOnlyDictionary<string, string> Environment) Standby(
        string directory, int port, Durability durability = Durability.Durable, string applicationName = "standby")
    {
        Directory.CreateDirectory(directory);
        // PostgreSQL starts only on a data folder its owner alone may enter.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        ServiceUsers.GiveTo("postgres", directory);
        const string script = """
            set -e
            dir=$1 bin=$2 primary=$3 name=$4
            shift 4
            find "$dir" -mindepth 1 -delete
            "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary" -U postgres -D "$dir" -X stream -R -c fast -d "application_name=$name"
            exec "$bin/postgres" -D "$dir" "$@"
            """;
        var (shell, prefix) = ServiceUsers.RunAs("postgres", "/bin/sh");
        return (shell,
            [.. prefix, "-c", script, "standby", directory, FindBinaries(), Port.ToString(CultureInfo.InvariantCulture), applicationName,
                .. ServerArguments(port, 300, durability)],
            new Dictionary<string, string> { ["PGPASSWORD"] = Password });
    }

    private static string[] ServerArguments(int port, int maxConnections, Durability durability) =>
    [
        "-p", port.ToString(CultureInfo.InvariantCulture),
        "-c", "listen_addresses=127.0.0.1",
        // TCP only: no socket files in shared folders, no clash with a system PostgreSQL.
        "-c", "unix_socket_directories=",
        "-c", $"max_connections={maxConnections.ToString(CultureInfo.InvariantCulture)}",
        .. durability == Durability.Throwaway
            // Commits still wait for their WAL to be written (synchronous_commit stays on), so a killed
            // postmaster loses nothing acknowledged: the operating system holds what it was given.
            // No autovacuum either: a test run clones a database per test (hundreds by its end), and the launcher
            // visits each of them every minute with a worker of its own, CPU the tests beside it need. Throwaway
            // data lives minutes; nothing bloats enough in that time to need it.
            ? (string[])["-c", "fsync=off", "-c", "full_page_writes=off", "-c", "autovacuum=off"]
            : [],
    ];

    /// <summary>Debian installs the server outside PATH, under /usr/lib/postgresql/&lt;major version&gt;/bin: the newest wins.</summary>
    public static string FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "postgres")))
                // By number: "9.6" must not sort above "16" as a string would.
                .OrderByDescending(d => double.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), CultureInfo.InvariantCulture, out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL is not installed. Run ./scripts/run.sh (it installs it), or: apt-get install -y postgresql");
    }
}
