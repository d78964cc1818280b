namespace Platform.TestInfrastructure;

/// <summary>
/// The PostgreSQL and RabbitMQ servers a test run uses, started once and shared by every test
/// class; each class gets its own database and virtual host (<see cref="TestDatabase"/>,
/// <see cref="TestVirtualHost"/>) so tests never see each other's data.
/// </summary>
/// <remarks>
/// Where they come from, in order:
/// 1. servers the test command already started for the whole run (<c>scripts/test.sh</c> exports
///    <c>PLATFORM_TEST_POSTGRES</c>, <c>PLATFORM_TEST_RABBITMQ</c>, <c>PLATFORM_TEST_RABBITMQ_MANAGEMENT</c>,
///    <c>PLATFORM_TEST_RABBITMQ_NODE</c>);
/// 2. Testcontainers, where a Docker engine answers;
/// 3. throwaway local processes from the Debian packages, started by this test assembly.
/// The tests are the same in all three cases.
/// </remarks>
public sealed class TestServers : IAsyncDisposable
{
    public required string PostgresConnectionString { get; init; }
    public required string RabbitMqHost { get; init; }
    public required int RabbitMqPort { get; init; }
    public string RabbitMqUsername { get; init; } = "guest";
    public string RabbitMqPassword { get; init; } = "guest";
    public required Uri RabbitMqManagement { get; init; }
    public required IBrokerControl Broker { get; init; }
    internal IAsyncDisposable? Owned { get; init; }

    /// <param name="shared">False for an assembly that must not use the run's servers (<see cref="OwnTestServersAttribute"/>).</param>
    public static async Task<TestServers> StartAsync(bool shared = true)
    {
        if (shared && Environment.GetEnvironmentVariable("PLATFORM_TEST_POSTGRES") is { Length: > 0 } postgres)
        {
            var amqp = new Uri(Environment.GetEnvironmentVariable("PLATFORM_TEST_RABBITMQ")
                               ?? throw new InvalidOperationException("PLATFORM_TEST_RABBITMQ is not set."));
            return new TestServers
            {
                PostgresConnectionString = postgres,
                RabbitMqHost = amqp.Host,
                RabbitMqPort = amqp.Port,
                RabbitMqManagement = new Uri(Environment.GetEnvironmentVariable("PLATFORM_TEST_RABBITMQ_MANAGEMENT")
                                             ?? throw new InvalidOperationException("PLATFORM_TEST_RABBITMQ_MANAGEMENT is not set.")),
                Broker = new RabbitMqCtlBroker(Environment.GetEnvironmentVariable("PLATFORM_TEST_RABBITMQ_NODE")
                                               ?? throw new InvalidOperationException("PLATFORM_TEST_RABBITMQ_NODE is not set.")),
            };
        }

        return await DockerEngine.IsAvailableAsync()
            ? await ContainerServers.StartAsync()
            : await LocalTestServers.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Owned is not null) await Owned.DisposeAsync();
    }
}
