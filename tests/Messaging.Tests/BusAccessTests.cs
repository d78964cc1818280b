using System.Text;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Audit;
using Platform.Contracts.Intake;
using Platform.ErrorQueueTool;
using Platform.TestInfrastructure;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.Messaging.Tests;

/// <summary>
/// The event bus is not trusted blindly (#25 point 8): every service has a broker user of its own, may
/// write only to its own exchanges and read only its own queues (the broker refuses the rest), stamps
/// its publishes with its user-id (which RabbitMQ checks), and consent and access-log events are
/// taken only from their owner. On a real RabbitMQ with the platform's own permissions (BrokerAccess).
/// </summary>
public sealed class BusAccessTests(TestServersFixture fixture) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private ServiceUsersHost _broker = null!;
    private readonly List<MessagingTestHost> _hosts = [];

    public async ValueTask InitializeAsync() => _broker = await TestVirtualHost.CreateWithServiceUsersAsync(fixture.Servers, "access");

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
    }

    /// <summary>A service in miniature, connected as <paramref name="service"/>'s own broker user, its queues named after it.</summary>
    private async Task<MessagingTestHost> StartAsAsync(string service, Action<IBusRegistrationConfigurator> consumers)
    {
        var host = await MessagingTestHost.StartAsync(fixture.Servers, service, consumers,
            new Dictionary<string, string?> { ["Messaging:EndpointPrefix"] = service }, _broker.As(service));
        _hosts.Add(host);
        return host;
    }

    private static ConsentGranted Consent(params string[] organisations) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "cr1-bus", organisations, "support", ["parents"], null, DateTimeOffset.UtcNow, ["support"]);

    [Fact]
    public async Task A_services_user_cannot_publish_to_another_services_exchange_nor_read_its_queues()
    {
        // Funding's consent copy is in place: its queue is bound to Intake's ConsentGranted exchange.
        await StartAsAsync("funding", bus => bus.AddConsumer<ConsentCopyConsumer>().Endpoint(e => e.Name = "funding-consent-granted"));

        // Attendance publishes to Intake's exchange: the broker refuses (403 ACCESS_REFUSED), before any consumer sees it.
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => RawPublishAsync("attendance", "Platform.Contracts.Intake:ConsentGranted", userId: null));
        Assert.Contains("ACCESS_REFUSED", Describe(refused));
        // Nor may it read Funding's queue, nor bind a queue of its own to the consent exchange.
        var read = await Assert.ThrowsAnyAsync<Exception>(() => WithChannelAsync("attendance", c => c.BasicGetAsync("funding-consent-granted", autoAck: false, Ct)));
        Assert.Contains("ACCESS_REFUSED", Describe(read));
        var bind = await Assert.ThrowsAnyAsync<Exception>(() => WithChannelAsync("attendance", async c =>
        {
            await c.QueueDeclareAsync("attendance-eavesdrop", durable: false, exclusive: false, autoDelete: true, cancellationToken: Ct);
            await c.QueueBindAsync("attendance-eavesdrop", "Platform.Contracts.Intake:ConsentGranted", "", cancellationToken: Ct);
            return 0;
        }));
        Assert.Contains("ACCESS_REFUSED", Describe(bind));
        // Intake itself may publish there; with another service's user-id it may not (406, RabbitMQ checks user-id against the connection).
        await RawPublishAsync("intake", "Platform.Contracts.Intake:ConsentGranted", userId: "intake");
        var impersonated = await Assert.ThrowsAnyAsync<Exception>(() => RawPublishAsync("intake", "Platform.Contracts.Intake:ConsentGranted", userId: "funding"));
        Assert.Contains("PRECONDITION_FAILED", Describe(impersonated));
    }

    [Fact]
    public async Task Intakes_consent_is_applied_and_a_forged_one_from_another_user_is_not_but_waits_in_the_error_queue_with_its_reason()
    {
        var funding = await StartAsAsync("funding", bus => bus.AddConsumer<ConsentCopyConsumer>().Endpoint(e => e.Name = "funding-consent-granted"));
        var intake = await StartAsAsync("intake", _ => { });

        // The owner's consent, through Intake's outbox: applied.
        var genuine = Consent("school-bs-de-linde");
        await intake.CommitAsync(genuine);
        await funding.WaitForEffectAsync($"consent:{genuine.ConsentId}", TimeSpan.FromSeconds(30));

        // A broker whose permissions were got wrong (here: attendance may write anywhere) lets another
        // service's forged consent through to the queue; the consumer still refuses it.
        await GrantEverythingAsync("attendance");
        var attendance = await StartAsAsync("attendance", _ => { });
        var forged = Consent("jeugdhulp-horizon");
        await attendance.Services.GetRequiredService<IBus>().Publish(forged, Ct);
        // Nor is one without any user-id taken (the administrator's, published by hand).
        var anonymous = Consent("gemeente-vaals");
        await RawPublishAsync(_broker.Admin, "Platform.Contracts.Intake:ConsentGranted", userId: null, JsonEnvelope(anonymous));

        var errors = new ErrorQueueOperator(_broker.Admin);
        var waiting = await Eventually.ValueAsync(() => errors.PeekAsync("funding-consent-granted_error", 10, Ct), m => m.Count == 2,
            "the forged and the anonymous consent in Funding's error queue", ct: Ct);
        Assert.Equal(0, await funding.EffectCountAsync($"consent:{forged.ConsentId}"));
        Assert.Equal(0, await funding.EffectCountAsync($"consent:{anonymous.ConsentId}"));
        // Not even the inbox row: only the genuine consent was handled.
        Assert.Equal(1, await funding.WithDbAsync(db => db.Set<Platform.Messaging.Inbox.InboxMessage>().CountAsync(m => m.Consumer == nameof(ConsentCopyConsumer), Ct)));
        Assert.All(waiting, m => Assert.Equal(typeof(Publishers.UntrustedPublisherException).FullName, m.ExceptionType));
        Assert.Contains(waiting, m => m.ExceptionMessage!.Contains("broker user 'attendance'", StringComparison.Ordinal) && m.Body.Contains(forged.ConsentId.ToString()));
        Assert.Contains(waiting, m => m.ExceptionMessage!.Contains("no AMQP user-id", StringComparison.Ordinal) && m.Body.Contains(anonymous.ConsentId.ToString()));
    }

    [Fact]
    public async Task The_Audit_service_takes_a_services_access_log_lines_only_in_that_services_own_name()
    {
        var audit = await StartAsAsync("audit", bus => bus.AddConsumer<AccessLogConsumer>().Endpoint(e => e.Name = "audit-audit-recorded"));
        var funding = await StartAsAsync("funding", _ => { });

        var own = Line("funding");
        var inIntakesName = Line("intake");
        await funding.CommitAsync(own);
        await funding.CommitAsync(inIntakesName);

        await audit.WaitForEffectAsync($"audit:{own.AuditId}:funding", TimeSpan.FromSeconds(30));
        var waiting = await Eventually.ValueAsync(() => new ErrorQueueOperator(_broker.Admin).PeekAsync("audit-audit-recorded_error", 10, Ct), m => m.Count == 1,
            "the line in Intake's name in the error queue", ct: Ct);
        Assert.Contains("only about itself", waiting[0].ExceptionMessage);
        Assert.Equal(0, await audit.EffectCountAsync($"audit:{inIntakesName.AuditId}"));
    }

    [Fact]
    public async Task A_message_from_another_service_that_fails_still_reaches_the_error_queue_and_the_operators_replay_keeps_its_publisher()
    {
        var funding = await StartAsAsync("funding", bus => bus.AddConsumer<ConsentCopyConsumer>().Endpoint(e => e.Name = "funding-consent-granted"));
        var intake = await StartAsAsync("intake", _ => { });
        // A poison consent: the same effect row exists already, so the consumer's save fails every time.
        var consent = Consent("school-bs-de-linde");
        await funding.WithDbAsync(async db => { db.Effects.Add(new Effect { Subject = $"consent:{consent.ConsentId}:school-bs-de-linde" }); return await db.SaveChangesAsync(Ct); });
        await intake.CommitAsync(consent);

        var errors = new ErrorQueueOperator(_broker.Admin);
        var waiting = await Eventually.ValueAsync(() => errors.PeekAsync("funding-consent-granted_error", 10, Ct), m => m.Count == 1,
            "the failed consent in Funding's error queue (moved over Funding's own connection)", ct: Ct);
        Assert.NotEqual(typeof(Publishers.UntrustedPublisherException).FullName, waiting[0].ExceptionType);

        // The fix, then the operator's replay: it gives the message back Intake's user-id, so the check lets it through.
        await funding.WithDbAsync(db => db.Effects.Where(e => e.Subject.StartsWith($"consent:{consent.ConsentId}")).ExecuteDeleteAsync(Ct));
        Assert.Equal(1, await errors.ReplayAsync("funding-consent-granted_error", ct: Ct));
        await funding.WaitForEffectAsync($"consent:{consent.ConsentId}", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Moving_a_message_off_its_publishers_user_id_still_reaches_MassTransits_receive_context()
    {
        // Guards the reflection in PublisherUnstamp against a MassTransit update (as BrokerReconnectTests does).
        var type = typeof(MassTransit.RabbitMqTransport.RabbitMqReceiveContext);
        Assert.NotNull(type.GetField("<Properties>k__BackingField", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic));
    }

    private static AuditRecorded Line(string service) =>
        new(Guid.NewGuid(), service, "read", "case", Guid.NewGuid().ToString(), "cr1-bus", "school-bs-de-linde", "school", "school-bs-de-linde",
            null, "support", null, "success", "/api/x/{id}", null, DateTimeOffset.UtcNow);

    private async Task GrantEverythingAsync(string service)
    {
        using var http = new HttpClient { BaseAddress = fixture.Servers.RabbitMqManagement };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fixture.Servers.RabbitMqUsername}:{fixture.Servers.RabbitMqPassword}")));
        (await http.PutAsync($"api/permissions/{Uri.EscapeDataString(_broker.VirtualHost)}/{service}",
            System.Net.Http.Json.JsonContent.Create(new { configure = ".*", write = ".*", read = ".*" }), Ct)).EnsureSuccessStatusCode();
    }

    private Task RawPublishAsync(string serviceOrConnection, string exchange, string? userId, byte[]? body = null) =>
        WithChannelAsync(serviceOrConnection, async channel =>
        {
            var properties = new BasicProperties { UserId = userId, ContentType = "application/vnd.masstransit+json", Persistent = true };
            await channel.BasicPublishAsync(exchange, "", mandatory: false, properties, body ?? "{}"u8.ToArray(), Ct);
            return 0;
        }, confirms: true);

    private async Task<T> WithChannelAsync<T>(string serviceOrConnection, Func<IChannel, Task<T>> work, bool confirms = false)
    {
        var uri = serviceOrConnection.StartsWith("amqp", StringComparison.Ordinal) ? serviceOrConnection : _broker.As(serviceOrConnection);
        await using var connection = await new ConnectionFactory { Uri = new Uri(uri) }.CreateConnectionAsync(Ct);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(confirms, confirms), Ct);
        return await work(channel);
    }

    /// <summary>A MassTransit envelope, as a hand-made publish would carry it.</summary>
    private static byte[] JsonEnvelope(ConsentGranted consent) => Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new
    {
        messageId = Guid.NewGuid(),
        messageType = new[] { "urn:message:Platform.Contracts.Intake:ConsentGranted" },
        message = consent,
    }, System.Text.Json.JsonSerializerOptions.Web));

    private static string Describe(Exception ex)
    {
        var text = new StringBuilder();
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            text.Append(e.GetType().Name).Append(": ").Append(e.Message).Append(" | ");
            if (e is OperationInterruptedException { ShutdownReason: { } reason }) text.Append(reason.ReplyText).Append(" | ");
        }
        return text.ToString();
    }
}
