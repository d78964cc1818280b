using MassTransit;

namespace Platform.Messaging.Tests;

/// <summary>
/// Guards <see cref="BrokerReconnect"/> against a MassTransit update: it reaches into MassTransit's
/// RabbitMQ host configuration, so this fails if that ever moves.
/// </summary>
public sealed class BrokerReconnectTests
{
    [Fact]
    public void Consumers_reconnect_at_a_steady_interval_for_the_failures_MassTransit_retries()
    {
        bool paced = false;
        IRetryPolicy? before = null, after = null;
        Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            before = BrokerReconnect.CurrentPolicy(rabbit);
            paced = BrokerReconnect.TryPace(rabbit, TimeSpan.FromSeconds(1));
            after = BrokerReconnect.CurrentPolicy(rabbit);
        });

        Assert.True(paced);
        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.NotSame(before, after);
        // The same failures as MassTransit's own policy: a lost connection is retried, a bad password is not.
        var lost = new MassTransit.ConnectionException("The broker went away.");
        Assert.Equal(before!.IsHandled(lost), after!.IsHandled(lost));
        Assert.True(after.IsHandled(lost));
        var login = new RabbitMQ.Client.Exceptions.AuthenticationFailureException("ACCESS_REFUSED");
        Assert.Equal(before.IsHandled(login), after.IsHandled(login));
    }
}
