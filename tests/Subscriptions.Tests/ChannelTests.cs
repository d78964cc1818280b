using Platform.Subscriptions.Domain;
using Platform.Subscriptions.IntegrationEvents;

namespace Platform.Subscriptions.Tests;

public sealed class ChannelTests
{
    [Fact]
    public void Every_event_a_consumer_notifies_is_listed_for_the_event_type_filter_and_nothing_else_is()
    {
        var notified = typeof(NotificationConsumer<>).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(NotificationConsumer<>))
            .Select(t => t.BaseType!.GetGenericArguments()[0].Name).Order().ToList();
        Assert.Equal(14, notified.Count);
        Assert.Equal(notified, Channels.EventTypes.Values.SelectMany(v => v).Order().ToList());
    }
}
