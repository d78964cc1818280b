using Platform.LocalServers;

namespace Platform.TestInfrastructure;

/// <summary>
/// Throwaway PostgreSQL and RabbitMQ processes from the Debian packages (<see cref="RunningServers"/>,
/// the same launcher the AppHost and scripts/test.sh use), killed with their folder when the test
/// assembly ends.
/// </summary>
internal static class LocalTestServers
{
    public static async Task<TestServers> StartAsync()
    {
        var servers = await RunningServers.StartAsync();
        return new TestServers
        {
            PostgresConnectionString = servers.Postgres.ConnectionString("postgres"),
            RabbitMqHost = "127.0.0.1",
            RabbitMqPort = servers.RabbitMq.Port,
            RabbitMqManagement = new Uri(servers.RabbitMq.ManagementUrl),
            Broker = new RabbitMqCtlBroker(servers.RabbitMq.Node),
            Owned = servers,
        };
    }
}
