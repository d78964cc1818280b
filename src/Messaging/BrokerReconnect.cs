using System.Reflection;
using MassTransit;

namespace Platform.Messaging;

/// <summary>
/// How soon consumers reconnect once RabbitMQ is back. MassTransit 8 waits between attempts to
/// restart a receive endpoint exponentially, from 3 s up to 30 s, and offers no setting for it: after
/// a broker restart of half a minute, consumers would sit idle for up to another 30 s while the broker
/// is already up (measured by the fault-injection suite). We keep MassTransit's own choice of which
/// failures to retry and retry those at a steady interval instead.
/// </summary>
/// <remarks>
/// The policy lives in a get-only property of MassTransit's RabbitMQ host configuration, so it is set
/// through its backing field. MassTransit is pinned at 8.5.x (9 is a paid licence); should a later 8.x
/// rename the field, <see cref="TryPace"/> returns false, the service logs it at start and keeps
/// MassTransit's default, and <c>BrokerReconnectTests</c> fails.
/// </remarks>
public static class BrokerReconnect
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);

    public static bool TryPace(IRabbitMqBusFactoryConfigurator rabbit, TimeSpan interval)
    {
        var (host, policyField) = PolicyFieldOf(rabbit);
        if (policyField?.GetValue(host) is not IRetryPolicy original) return false;
        policyField.SetValue(host, Retry.CreatePolicy(x =>
        {
            x.Handle<Exception>(original.IsHandled);
            // MassTransit's own gives up after 1,000 attempts too; at 2 s that is over half an hour, here 10,000.
            x.Interval(10_000, interval);
        }));
        return true;
    }

    /// <summary>The policy in force (for the test that guards this against a MassTransit update).</summary>
    public static IRetryPolicy? CurrentPolicy(IRabbitMqBusFactoryConfigurator rabbit)
    {
        var (host, policyField) = PolicyFieldOf(rabbit);
        return policyField?.GetValue(host) as IRetryPolicy;
    }

    private static (object? Host, FieldInfo? PolicyField) PolicyFieldOf(IRabbitMqBusFactoryConfigurator rabbit)
    {
        var host = FieldOf(rabbit.GetType(), "_hostConfiguration")?.GetValue(rabbit);
        return (host, host is null ? null : FieldOf(host.GetType(), "<ReceiveTransportRetryPolicy>k__BackingField"));
    }

    private static FieldInfo? FieldOf(Type? type, string name)
    {
        for (; type is not null; type = type.BaseType)
            if (type.GetField(name, BindingFlags.Instance | BindingFlags.NonPublic) is { } field) return field;
        return null;
    }
}
