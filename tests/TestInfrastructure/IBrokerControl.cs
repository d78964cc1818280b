namespace Platform.TestInfrastructure;

/// <summary>Takes the broker away and brings it back, as an outage looks to clients.</summary>
public interface IBrokerControl
{
    /// <summary>Stops RabbitMQ's application: every connection drops and no new one is accepted.</summary>
    Task StopAsync();
    Task StartAsync();
}

/// <summary>Controls a local node with <c>rabbitmqctl stop_app</c>/<c>start_app</c>.</summary>
internal sealed class RabbitMqCtlBroker(string node) : IBrokerControl
{
    public Task StopAsync() => LocalServers.LocalRabbitMq.ControlAsync(node, "stop_app");
    public Task StartAsync() => LocalServers.LocalRabbitMq.ControlAsync(node, "start_app");
}
