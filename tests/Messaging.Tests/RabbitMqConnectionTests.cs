using Platform.Messaging;

namespace Platform.Messaging.Tests;

/// <summary>What a service reads from its <c>messaging</c> connection string, a cluster's nodes included (#28).</summary>
public sealed class RabbitMqConnectionTests
{
    [Fact]
    public void A_single_node_string_names_its_host_user_and_virtual_host_and_no_cluster()
    {
        var connection = RabbitMqConnection.Parse("amqp://intake:s%40cret@127.0.0.1:5673/platform");

        Assert.Equal(("127.0.0.1", (ushort)5673, "platform", "intake", "s@cret", false),
            (connection.Host, connection.Port, connection.VirtualHost, connection.Username, connection.Password, connection.UseTls));
        Assert.Empty(connection.ClusterNodes);
    }

    [Fact]
    public void A_cluster_string_names_every_node_in_order_for_the_bus_to_try_in_turn()
    {
        var connection = RabbitMqConnection.Parse("amqp://intake:pw@127.0.0.1:5672?cluster=127.0.0.1:5672,127.0.0.1:5674,127.0.0.1:5676");

        Assert.Equal(["127.0.0.1:5672", "127.0.0.1:5674", "127.0.0.1:5676"], connection.ClusterNodes);
        Assert.Equal(("127.0.0.1", (ushort)5672, "/"), (connection.Host, connection.Port, connection.VirtualHost));
    }

    [Fact]
    public void A_tls_string_without_a_port_takes_the_tls_port() =>
        Assert.Equal((ushort)5671, RabbitMqConnection.Parse("amqps://u:p@messaging.village-platform.svc/").Port);
}
