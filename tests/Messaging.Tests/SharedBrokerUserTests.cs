using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Intake;
using Platform.ErrorQueueTool;
using Platform.TestInfrastructure;

namespace Platform.Messaging.Tests;

/// <summary>
/// Where every service shares one broker user (the AppHost's RabbitMQ container; a service under test
/// in ServiceFactory), that user is the only one trusted with consent and access-log events (#25 point 8):
/// the service's own publish is taken, a publish without user-id is not.
/// </summary>
public sealed class SharedBrokerUserTests(TestServersFixture fixture) : IAsyncLifetime
{
    private MessagingTestHost _host = null!;

    public async ValueTask InitializeAsync() =>
        _host = await MessagingTestHost.StartAsync(fixture.Servers, "shared", bus => bus.AddConsumer<ConsentCopyConsumer>(),
            new Dictionary<string, string?> { ["Messaging:BrokerUsers"] = "Shared" });

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task The_shared_users_own_consent_is_applied_and_one_without_a_user_id_is_refused()
    {
        var own = new ConsentGranted(Guid.NewGuid(), Guid.NewGuid(), "cr1-shared", ["school-bs-de-linde"], "support", ["parents"], null, DateTimeOffset.UtcNow);
        await _host.Services.GetRequiredService<IBus>().Publish(own, TestContext.Current.CancellationToken);
        await _host.WaitForEffectAsync($"consent:{own.ConsentId}", TimeSpan.FromSeconds(30));

        // MassTransit's own bus without our stamp: no user-id on the message.
        var anonymous = own with { ConsentId = Guid.NewGuid() };
        var uri = new Uri(_host.MessagingConnectionString);
        var credentials = Uri.UnescapeDataString(uri.UserInfo).Split(':', 2);
        var bare = Bus.Factory.CreateUsingRabbitMq(r => r.Host(uri.Host, (ushort)uri.Port, uri.AbsolutePath.TrimStart('/'), h =>
        {
            h.Username(credentials[0]);
            h.Password(credentials[1]);
        }));
        await bare.StartAsync(TestContext.Current.CancellationToken);
        try { await bare.Publish(anonymous, TestContext.Current.CancellationToken); }
        finally { await bare.StopAsync(TestContext.Current.CancellationToken); }

        var errors = new ErrorQueueOperator(_host.MessagingConnectionString);
        var waiting = await Eventually.ValueAsync(() => errors.PeekAsync("consent-copy_error", 10, TestContext.Current.CancellationToken), m => m.Count == 1,
            "the consent without a user-id in the error queue", ct: TestContext.Current.CancellationToken);
        Assert.Contains("no AMQP user-id", waiting[0].ExceptionMessage);
        Assert.Equal(0, await _host.EffectCountAsync($"consent:{anonymous.ConsentId}"));
    }
}
