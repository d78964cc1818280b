using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Contracts.Intake;
using Platform.Messaging.Outbox;
using Platform.TestInfrastructure;
using Platform.Data;

namespace Platform.Messaging.Tests;

/// <summary>
/// A service in miniature, wired exactly as the real ones are (AddServiceDatabase +
/// AddPlatformMessaging), on its own database and RabbitMQ virtual host.
/// </summary>
public sealed class MessagingTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private MessagingTestHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;
    public Probe Probe => Services.GetRequiredService<Probe>();
    public string MessagingConnectionString { get; private init; } = "";

    public static async Task<MessagingTestHost> StartAsync(
        TestServers servers, string name, Action<IBusRegistrationConfigurator> consumers,
        IDictionary<string, string?>? settings = null, string? messaging = null)
    {
        // A virtual host of its own, unless the test gives a connection (a service's user on a shared one).
        messaging ??= await TestVirtualHost.CreateAsync(servers, name);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:testdb"] = TestDatabase.NewConnectionString(servers, name),
            ["ConnectionStrings:messaging"] = messaging,
            ["Messaging:EndpointPrefix"] = "",
            ["Messaging:RetryIntervalsMs:0"] = "50",
            ["Messaging:RetryIntervalsMs:1"] = "50",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<Probe>();
        builder.Services.AddConsumeObserver<ProbeConsumeObserver>();
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
        });
        builder.AddServiceDatabase<TestDbContext>("testdb");
        builder.AddPlatformMessaging<TestDbContext>(consumers);

        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<TestDbContext>().Database.EnsureCreatedAsync();
        await host.StartAsync();
        return new MessagingTestHost(host) { MessagingConnectionString = messaging };
    }

    /// <summary>What a service's request handler does: a state change and its event, one SaveChanges.</summary>
    public async Task<ReferralSubmitted> CommitReferralAsync(Guid? referralId = null)
    {
        var submitted = new ReferralSubmitted(
            referralId ?? Guid.NewGuid(), "cr1-test", "school-test", "school", "GM0935", ["learning"], "regular", DateTimeOffset.UtcNow);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        db.Effects.Add(new Effect { Subject = $"submitted:{submitted.ReferralId}" });
        db.AddIntegrationEvent(submitted);
        await db.SaveChangesAsync();
        return submitted;
    }

    /// <summary>An event alone through the outbox, as a service's request handler stages it.</summary>
    public async Task CommitAsync(object integrationEvent)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        db.AddIntegrationEvent((Platform.Contracts.IIntegrationEvent)integrationEvent);
        await db.SaveChangesAsync();
    }

    public async Task<T> WithDbAsync<T>(Func<TestDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TestDbContext>());
    }

    public Task<int> OutboxCountAsync() => WithDbAsync(db => db.Set<OutboxMessage>().CountAsync());

    /// <summary>Waits until the consumer's effect is committed (not merely handled in memory).</summary>
    public async Task WaitForEffectAsync(string subjectPrefix, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await EffectCountAsync(subjectPrefix) == 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No committed effect '{subjectPrefix}' within {timeout}.");
            await Task.Delay(50);
        }
    }

    public Task<int> EffectCountAsync(string subjectPrefix) =>
        WithDbAsync(db => db.Effects.CountAsync(e => e.Subject.StartsWith(subjectPrefix)));

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
