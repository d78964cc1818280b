using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Jobs;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;
using Platform.Messaging.Publishers;
using Platform.Data;

namespace Platform.Messaging;

public sealed class MessagingOptions
{
    public static readonly int[] DefaultRetryIntervalsMs = [200, 1000, 5000];

    /// <summary>Waits between consumer retries; after the last, the message goes to the error queue.</summary>
    public int[]? RetryIntervalsMs { get; set; }

    /// <summary>
    /// While the service's own database is down, a message is retried this often (it stays
    /// unacknowledged in its queue) instead of going to the error queue: the message is fine.
    /// </summary>
    public TimeSpan OutageRetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a database outage is waited out before the message goes to the error queue after all.</summary>
    public TimeSpan OutageRetryLimit { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often consumers try to reconnect while RabbitMQ is away (<see cref="BrokerReconnect"/>).</summary>
    public TimeSpan ReconnectInterval { get; set; } = BrokerReconnect.DefaultInterval;

    /// <summary>
    /// The AMQP heartbeat the service asks for. A connection that falls silent (a network partition, a paused process)
    /// is given up by both ends after about two of them: the service reconnects, and the broker gives the messages it
    /// held for the service's consumers to others, and shows the queue without a consumer (alert QueueWithoutConsumer).
    /// RabbitMQ's default, 60 s, leaves a silent connection for up to two minutes; its guidance is 5 to 20 s.
    /// </summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <c>PerService</c> (default): every service has a broker user of its own, named after it, and a
    /// guarded event is taken only from its owner's user. <c>Shared</c>: all services share one user
    /// (the AppHost's RabbitMQ container, one service under test), and only that user is trusted (#25 point 8).
    /// </summary>
    public BrokerUsers BrokerUsers { get; set; } = BrokerUsers.PerService;

    /// <summary>
    /// Quorum queues (the default: replicated, durable, what production runs). <c>false</c> declares classic
    /// queues instead: only the services' own test modules, whose every test makes a virtual host of its own
    /// with a dozen queues, where a quorum queue's Raft machinery costs the broker CPU and proves nothing the
    /// end-to-end suite and its fault suite (quorum queues, a broker restart) do not prove.
    /// </summary>
    public bool QuorumQueues { get; set; } = true;

    /// <summary>A PEM file with the CA that issued the broker's TLS certificate (amqps://); trusted for the broker alone. Empty: the system's trust store.</summary>
    public string? TrustedCaFile { get; set; }
}

/// <summary>
/// A consumer that a shared library (such as the directory copy) adds to a service's bus. Register
/// with <see cref="MessagingRegistration.AddBusContribution"/> before <c>AddPlatformMessaging</c>;
/// the action gets the service's queue-name prefix.
/// </summary>
public sealed record BusContribution(Action<IBusRegistrationConfigurator, string> Configure);

public static class MessagingRegistration
{
    /// <summary>The connection string name every service and the AppHost use for RabbitMQ.</summary>
    public const string ConnectionName = "messaging";

    /// <summary>
    /// MassTransit on RabbitMQ plus our outbox relay and inbox cleanup for <typeparamref name="TDbContext"/>.
    /// Register the DbContext with <c>AddServiceDatabase</c> so commits wake the relay.
    /// </summary>
    /// <param name="builder">The service's host.</param>
    /// <param name="consumers">The service's own consumers.</param>
    /// <param name="gatesReadiness">
    /// Whether the service is unready until its bus has first been ready (its queues bound), as every API service is:
    /// a request's event must not reach the broker before the queues that should receive it exist. Identity says no:
    /// its tokens need no broker, its one queue (the directory's snapshots) catches up by itself, and every service
    /// waits for Identity at start-up; without a bus yet it is only degraded.
    /// </param>
    public static IHostApplicationBuilder AddPlatformMessaging<TDbContext>(
        this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? consumers = null, bool gatesReadiness = true)
        where TDbContext : DbContext
    {
        var services = builder.Services;
        services.TryAddPlatformClock();
        services.Configure<OutboxRelayOptions>(builder.Configuration.GetSection("Messaging:Outbox"));
        services.Configure<InboxOptions>(builder.Configuration.GetSection("Messaging:Inbox"));
        services.Configure<MessagingOptions>(builder.Configuration.GetSection("Messaging"));
        var messaging = builder.Configuration.GetSection("Messaging").Get<MessagingOptions>() ?? new MessagingOptions();
        var retryIntervals = messaging.RetryIntervalsMs ?? MessagingOptions.DefaultRetryIntervalsMs;
        var outageRetries = (int)Math.Ceiling(messaging.OutageRetryLimit / messaging.OutageRetryInterval);

        services.AddSingleton<OutboxSignal<TDbContext>>();
        services.AddSingleton<OutboxCommitInterceptor<TDbContext>>();
        services.AddSingleton(sp => new CommitInterceptor<TDbContext>(sp.GetRequiredService<OutboxCommitInterceptor<TDbContext>>()));
        services.AddSingleton<OutboxRelay<TDbContext>>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay<TDbContext>>());
        // Inbox rows are forgotten by the one table cleanup (so are stored Idempotency-Key answers: Platform.Http).
        services.AddTableCleanup<TDbContext, InboxMessage, InboxOptions>(o =>
            new("messaging.inbox", cutoff => m => m.ReceivedAt < cutoff, o.DeduplicationWindow, o.CleanupInterval));
        // Batched consumers share transactions here; registered before the bus, so it stops after the bus has (reverse order).
        services.AddSingleton<InboxBatch<TDbContext>>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxBatch<TDbContext>>());

        var connection = RabbitMqConnection.Parse(
            builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"Connection string '{ConnectionName}' (RabbitMQ) is missing."));

        // Queues are named per service ("attendance-placement-confirmed"): two services consuming the same
        // event with same-named consumer classes must each get every message, not compete for them.
        var prefix = builder.Configuration["Messaging:EndpointPrefix"] ?? builder.Environment.ApplicationName.ToLowerInvariant();

        // Readiness follows BusReadinessHealthCheck; MassTransit's own check only reports, never fails /health.
        services.AddSingleton<BusReadinessHealthCheck>();
        services.AddHostedService<BusReadinessWatcher>();
        services.AddHealthChecks().AddCheck<BusReadinessHealthCheck>("bus-readiness",
            failureStatus: gatesReadiness ? HealthStatus.Unhealthy : HealthStatus.Degraded, tags: ["ready"]);

        // Listed before AddMassTransit, which adds services while it runs the callback.
        var contributions = services.Where(d => d.ServiceType == typeof(BusContribution)).Select(d => (BusContribution)d.ImplementationInstance!).ToList();
        services.AddMassTransit(bus =>
        {
            bus.ConfigureHealthCheckOptions(o => o.MinimalFailureStatus = HealthStatus.Degraded);
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(prefix, includeNamespace: false));
            consumers?.Invoke(bus);
            foreach (var contribution in contributions) contribution.Configure(bus, prefix);
            // Quorum queues: replicated and durable, the kind RabbitMQ recommends for data that must survive.
            bus.AddConfigureEndpointsCallback((_, endpoint) =>
            {
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit && messaging.QuorumQueues) rabbit.SetQuorumQueue();
                // Nobody consumes Fault<T>, and a service's broker user may not write to exchanges it does not own.
                endpoint.PublishFaults = false;
                // The move to <queue>_error (_skipped) goes over this service's connection: the publisher's user-id comes off first.
                endpoint.ConfigureError(e =>
                {
                    e.UseFilter(new UnstampBeforeMove<ExceptionReceiveContext>(connection.Username));
                    e.UseFilter(new MassTransit.Middleware.GenerateFaultFilter());
                    e.UseFilter(new MassTransit.Middleware.ErrorTransportFilter());
                });
                endpoint.ConfigureDeadLetter(e =>
                {
                    e.UseFilter(new UnstampBeforeMove<ReceiveContext>(connection.Username));
                    e.UseFilter(new MassTransit.Middleware.DeadLetterTransportFilter());
                });
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(connection.Host, connection.Port, connection.VirtualHost, h =>
                {
                    h.Username(connection.Username);
                    h.Password(connection.Password);
                    h.PublisherConfirmation = true;
                    h.Heartbeat(messaging.Heartbeat);
                    // A cluster's nodes, tried in turn: losing the node this service is connected to moves it to another.
                    if (connection.ClusterNodes.Count > 0)
                        h.UseCluster(c =>
                        {
                            foreach (var node in connection.ClusterNodes) c.Node(node);
                        });
                    if (connection.UseTls)
                        h.UseSsl(ssl =>
                        {
                            ssl.ServerName = connection.Host;
                            // In Kubernetes the broker's certificate comes from the region's CA (#25 point 8).
                            if (messaging.TrustedCaFile is { Length: > 0 } ca) ssl.CertificateValidationCallback = BrokerTls.TrustOnly(BrokerTls.LoadCa(ca));
                        });
                });
                var log = (context.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance)
                    .CreateLogger(typeof(MessagingRegistration));
                if (!BrokerReconnect.TryPace(rabbit, messaging.ReconnectInterval))
                    log.LogWarning("Could not set the consumers' reconnect interval; MassTransit's default (3 s growing to 30 s) applies.");
                // An event's exchange only: MassTransit would also declare one for the marker interface every
                // event implements and bind each event's exchange to it, which a service's broker user may not do.
                rabbit.Publish<Platform.Contracts.IIntegrationEvent>(p => p.Exclude = true);
                // Every publish says who published it (the AMQP user-id, which RabbitMQ checks against the connection)...
                rabbit.ConfigureSend(s => s.UseExecute(c => PublisherStamp.Stamp(c, connection.Username)));
                rabbit.ConfigurePublish(p => p.UseExecute(c => PublisherStamp.Stamp(c, connection.Username)));
                // ...and consent and access-log events are taken only from their owner, before any retry or consumer (#25 point 8).
                rabbit.UseFilter(new PublisherCheckFilter(connection.Username, messaging.BrokerUsers, log));
                // Outer: the service's database is down. The message is not at fault, so it waits the
                // outage out rather than landing in the error queue (which would need an operator).
                rabbit.UseMessageRetry(r =>
                {
                    r.Handle<Exception>(DatabaseOutage.IsOutage);
                    r.Interval(outageRetries, messaging.OutageRetryInterval);
                });
                // Inner: anything else (a poison message, a bug) gets a few quick retries, then the error queue.
                rabbit.UseMessageRetry(r =>
                {
                    r.Ignore<Exception>(DatabaseOutage.IsOutage);
                    r.Ignore<UntrustedPublisherException>();
                    r.Intervals(retryIntervals);
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>Adds <paramref name="configure"/> to the bus that <c>AddPlatformMessaging</c> builds later.</summary>
    public static IServiceCollection AddBusContribution(this IServiceCollection services, Action<IBusRegistrationConfigurator, string> configure)
    {
        if (services.Any(d => d.ServiceType == typeof(IBus)))
            throw new InvalidOperationException("Add bus contributions before AddPlatformMessaging: the bus is configured already.");
        return services.AddSingleton(new BusContribution(configure));
    }

    private static void TryAddPlatformClock(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }
}
