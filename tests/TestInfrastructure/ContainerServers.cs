using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Platform.TestInfrastructure;

/// <summary>PostgreSQL and RabbitMQ in containers, for machines with a Docker engine.</summary>
internal sealed class ContainerServers(PostgreSqlContainer postgres, RabbitMqContainer rabbit) : IAsyncDisposable
{
    private const string User = "platform";
    private const string Password = "platform-test";

    public static async Task<TestServers> StartAsync()
    {
        var postgres = new PostgreSqlBuilder("postgres:17").Build();
        var rabbit = new RabbitMqBuilder("rabbitmq:3.13-management")
            .WithUsername(User).WithPassword(Password)
            .WithPortBinding(15672, assignRandomHostPort: true)
            .Build();
        await Task.WhenAll(postgres.StartAsync(), rabbit.StartAsync());
        return new TestServers
        {
            PostgresConnectionString = postgres.GetConnectionString(),
            RabbitMqHost = rabbit.Hostname,
            RabbitMqPort = rabbit.GetMappedPublicPort(5672),
            RabbitMqUsername = User,
            RabbitMqPassword = Password,
            RabbitMqManagement = new Uri($"http://{rabbit.Hostname}:{rabbit.GetMappedPublicPort(15672)}"),
            Broker = new ContainerBroker(rabbit),
            Owned = new ContainerServers(postgres, rabbit),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await postgres.DisposeAsync();
        await rabbit.DisposeAsync();
    }

    private sealed class ContainerBroker(RabbitMqContainer rabbit) : IBrokerControl
    {
        public Task StopAsync() => rabbit.ExecAsync(["rabbitmqctl", "stop_app"]);
        public Task StartAsync() => rabbit.ExecAsync(["rabbitmqctl", "start_app"]);
    }
}
