using System.Diagnostics;

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
    public Task StopAsync() => RunAsync("stop_app");
    public Task StartAsync() => RunAsync("start_app");

    private async Task RunAsync(string command)
    {
        const string ctl = "/usr/lib/rabbitmq/bin/rabbitmqctl";
        // The CLI must share the node's Erlang cookie: as root that is the rabbitmq user's.
        var start = Processes.AsServiceUser("rabbitmq", ctl, ["-n", node, command]);
        if (Processes.IsRoot) start.Environment["HOME"] = "/var/lib/rabbitmq";
        await Processes.RunAsync(start);
    }
}
