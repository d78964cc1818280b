using System.Reflection;
using MassTransit;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Audit;
using Platform.Contracts.Intake;
using RabbitMQ.Client;

namespace Platform.Messaging.Publishers;

/// <summary>How services meet the broker: each with a user of its own (the default), or all with one shared user.</summary>
public enum BrokerUsers
{
    /// <summary>One broker user per service, named after it (<c>intake</c>): Kubernetes and the AppHost's local broker.</summary>
    PerService,

    /// <summary>One user for every service (the AppHost's RabbitMQ container, one service under test): only that user is trusted.</summary>
    Shared,
}

/// <summary>Refused because its publisher is not the event's owner (<see cref="EventOwners"/>): no retry, straight to the error queue.</summary>
public sealed class UntrustedPublisherException(string reason) : Exception(reason);

/// <summary>
/// Every publish carries the AMQP <c>user-id</c> of the service's own broker user. RabbitMQ refuses a
/// publish whose user-id is not the connection's user, so a consumer can trust it.
/// </summary>
internal static class PublisherStamp
{
    public static void Stamp(SendContext context, string user)
    {
        if (context.TryGetPayload(out RabbitMqSendContext? rabbit)) rabbit.BasicProperties.UserId = user;
    }
}

/// <summary>
/// Before any consumer runs: a guarded event (<see cref="EventOwners"/>) not published by its owner is
/// refused with a logged reason and no effect (nothing is written, not even the inbox row), and goes
/// to the consumer's error queue with the reason as its fault message.
/// </summary>
internal sealed partial class PublisherCheckFilter(string ownUser, BrokerUsers users, ILogger logger) : IFilter<ConsumeContext>
{
    private static readonly Type[] Guarded = [typeof(ConsentGranted), typeof(ConsentWithdrawn), typeof(CaseErased), typeof(AuditRecorded)];

    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        foreach (var type in Guarded)
        {
            if (!context.HasMessageType(type)) continue;
            var message = Message(context, type);
            var publisher = context.ReceiveContext.TryGetPayload(out RabbitMqBasicConsumeContext? rabbit) ? rabbit.Properties.UserId : null;
            if (message is not null && EventOwners.Refusal(message, publisher, users == BrokerUsers.Shared ? ownUser : null) is { } reason)
            {
                LogRefused(logger, context.MessageId, type.Name, publisher ?? "(none)", reason);
                throw new UntrustedPublisherException(reason);
            }
        }
        await next.Send(context);
    }

    private static object? Message(ConsumeContext context, Type type) => type switch
    {
        _ when type == typeof(ConsentGranted) => context.TryGetMessage<ConsentGranted>(out var m) ? m.Message : null,
        _ when type == typeof(ConsentWithdrawn) => context.TryGetMessage<ConsentWithdrawn>(out var m) ? m.Message : null,
        _ when type == typeof(CaseErased) => context.TryGetMessage<CaseErased>(out var m) ? m.Message : null,
        _ => context.TryGetMessage<AuditRecorded>(out var m) ? m.Message : null,
    };

    public void Probe(ProbeContext context) => context.CreateFilterScope("publisher-check");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused message {MessageId} ({MessageType}) from broker user {Publisher}: {Reason} It goes to the error queue, unapplied.")]
    private static partial void LogRefused(ILogger logger, Guid? messageId, string messageType, string publisher, string reason);
}

/// <summary>
/// MassTransit moves a failed (or unroutable) message to <c>&lt;queue&gt;_error</c> (<c>_skipped</c>) with
/// the properties it arrived with, over the consuming service's own connection; RabbitMQ would refuse
/// that move, because the message's user-id names the publisher, not the mover. So before the move the
/// user-id is taken off the message and kept in the header <see cref="PublisherUnstamp.PublishedByHeader"/>; the operator's
/// replay (ErrorQueueTool) puts it back (its broker user has the <c>impersonator</c> tag).
/// </summary>
/// <remarks>
/// MassTransit 8.5 reads the properties from its RabbitMQ receive context's get-only <c>Properties</c>,
/// so they are replaced through its backing field; should a MassTransit update rename it,
/// <see cref="PublisherUnstamp.TryUnstamp"/> returns false and <c>BusAccessTests</c> fails (as for <see cref="BrokerReconnect"/>).
/// </remarks>
internal sealed class UnstampBeforeMove<TContext>(string ownUser) : IFilter<TContext> where TContext : class, ReceiveContext
{
    public Task Send(TContext context, IPipe<TContext> next)
    {
        PublisherUnstamp.TryUnstamp(context, ownUser);
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("unstamp-before-move");
}

public static class PublisherUnstamp
{
    public const string PublishedByHeader = "Platform-Published-By";

    internal static bool TryUnstamp(ReceiveContext context, string ownUser)
    {
        if (!context.TryGetPayload(out RabbitMqBasicConsumeContext? rabbit) || rabbit.Properties.UserId is not { } publisher || publisher == ownUser)
            return true;
        var field = PropertiesField(rabbit.GetType());
        if (field is null) return false;
        var properties = new BasicProperties(rabbit.Properties) { UserId = null };
        properties.Headers = new Dictionary<string, object?>(properties.Headers ?? new Dictionary<string, object?>()) { [PublishedByHeader] = publisher };
        field.SetValue(rabbit, properties);
        return true;
    }

    private static FieldInfo? PropertiesField(Type? type)
    {
        for (; type is not null; type = type.BaseType)
            if (type.GetField("<Properties>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic) is { } field
                && field.FieldType.IsAssignableFrom(typeof(BasicProperties)))
                return field;
        return null;
    }
}
