using Platform.LocalServers;

// The command line scripts/test.sh uses, so that the shell and the tests start servers the same way:
//   start --env-file FILE [--pid-file FILE] [--root DIR]
// starts PostgreSQL and RabbitMQ, waits until both answer, writes the PLATFORM_TEST_* variables as
// `export` lines to the env file and the servers' process group ids to the pid file, and exits with
// the servers still running. The shell stops them with `kill -KILL -- -<pid>` per line.
if (args is not ["start", .. var rest]) return Usage();
var options = new Dictionary<string, string>();
for (var i = 0; i + 1 < rest.Length; i += 2) options[rest[i]] = rest[i + 1];
if (!options.TryGetValue("--env-file", out var envFile)) return Usage();

var servers = await RunningServers.StartAsync(options.GetValueOrDefault("--root"));
if (options.TryGetValue("--pid-file", out var pidFile))
    await File.WriteAllLinesAsync(pidFile, servers.ProcessIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
await File.WriteAllLinesAsync(envFile,
[
    $"export PLATFORM_TEST_SERVERS_ROOT='{servers.Root}'",
    $"export PLATFORM_TEST_POSTGRES='{servers.Postgres.ConnectionString("postgres")}'",
    $"export PLATFORM_TEST_RABBITMQ='{servers.RabbitMq.ConnectionString}'",
    $"export PLATFORM_TEST_RABBITMQ_MANAGEMENT='{servers.RabbitMq.ManagementUrl}'",
    $"export PLATFORM_TEST_RABBITMQ_NODE='{servers.RabbitMq.Node}'",
]);
return 0;

static int Usage()
{
    Console.Error.WriteLine("usage: start --env-file FILE [--pid-file FILE] [--root DIR]");
    return 2;
}
