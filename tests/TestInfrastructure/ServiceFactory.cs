using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.TestInfrastructure;

/// <summary>
/// One real service under test: its own database (cloned from a migrated template) and RabbitMQ
/// virtual host on the shared servers, environment <c>Testing</c>, background jobs off (tests run
/// them by hand with a fake clock), test tokens trusted, the bus started by the test's first publish.
/// </summary>
/// <remarks>
/// The service's name comes from its DbContext: <c>FundingDbContext</c> is Funding, whose database
/// connection string is <c>fundingdb</c> and whose options section is <c>Funding</c>.
/// </remarks>
public class ServiceFactory<TProgram, TDb>(string database, string messaging, ServiceSetup setup) : WebApplicationFactory<TProgram>
    where TProgram : class where TDb : DbContext
{
    /// <summary>The key every service under test derives child references with (Intake, Attendance, Handover, Audit).</summary>
    public static readonly byte[] ChildReferenceKey = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 1))];

    /// <summary>The access log's chain key and anchor signing key under test (Audit; ADR-0008).</summary>
    public static readonly byte[] AuditChainKey = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 11 + 3))];
    public static readonly byte[] AuditAnchorKey = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 13 + 5))];

    /// <summary>Where this service's access-log anchors go (Audit): a folder of its own, outside the database.</summary>
    public string AnchorDirectory { get; } = Path.Combine(Path.GetTempPath(), "platform-tests", "audit-anchors", Guid.NewGuid().ToString("N"));

    public static string Name { get; } = typeof(TDb).Name.Replace("DbContext", "", StringComparison.Ordinal);

    /// <summary>The database's connection string (the service's <c>ConnectionStrings:&lt;name&gt;db</c>).</summary>
    public string Database { get; } = database;

    /// <summary>The virtual host's amqp:// connection string.</summary>
    public string Messaging { get; } = messaging;

    public ServiceSetup Setup { get; } = setup;

    public TestTokens Tokens => Setup.Tokens;

    /// <summary>Message ids the service's consumers have finished with: wait on these, never sleep.</summary>
    public ConsumedMessages Consumed { get; } = new();

    /// <summary>A started service on a fresh database and virtual host.</summary>
    public static async Task<ServiceFactory<TProgram, TDb>> StartAsync(TestServers servers, ServiceSetup? setup = null)
    {
        setup ??= new ServiceSetup();
        var prefix = setup.Prefix ?? Name.ToLowerInvariant();
        var database = await TestDatabase.MigratedAsync<TDb>(servers, prefix, setup.Model);
        var factory = new ServiceFactory<TProgram, TDb>(database, await TestVirtualHost.CreateAsync(servers, prefix), setup);
        await factory.StartAsync();
        return factory;
    }

    /// <summary>Starts the host (migrating a database that is not a clone) and runs the after-start steps.</summary>
    public async Task StartAsync()
    {
        _ = Server;
        if (Setup.DemoDirectory) await TestInfrastructure.DemoDirectory.SeedAsync<TDb>(Services);
        if (Setup.Started is { } started) await started(Services);
    }

    /// <summary>A client whose requests carry <paramref name="token"/>.</summary>
    public HttpClient WithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Reads (or changes) the service's database in a scope of its own.</summary>
    public async Task<T> InDbAsync<T>(Func<TDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TDb>());
    }

    /// <summary>Publishes on the service's virtual host and returns the message id, to wait for with <see cref="Consumed"/>.</summary>
    public async Task<Guid> PublishAsync(object message, Guid? messageId = null)
    {
        var id = messageId ?? NewId.NextGuid();
        await (await BusAsync()).Publish(message, message.GetType(), context => context.MessageId = id,
            TestContext.Current.CancellationToken);
        return id;
    }

    private readonly SemaphoreSlim _busGate = new(1, 1);
    private bool _busStartedByTest;

    /// <summary>
    /// The service's bus, started (its queues bound) before it is returned. A test that never publishes never
    /// starts it: most API tests don't, and a bus's start (a connection, every consumer's exchanges, queues
    /// and bindings) was about a third of what each test cost the machine, most of it in RabbitMQ (#21).
    /// With the relay on (<see cref="ServiceSetup.Relay"/>) MassTransit's hosted service started it with the service.
    /// </summary>
    public async Task<IBus> BusAsync()
    {
        if (Setup.Relay) return Services.GetRequiredService<IBus>();
        await _busGate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!_busStartedByTest) await Services.GetRequiredService<IBusDepot>().Start(TestContext.Current.CancellationToken);
            _busStartedByTest = true;
        }
        finally { _busGate.Release(); }
        return Services.GetRequiredService<IBus>();
    }

    public override async ValueTask DisposeAsync()
    {
        // The hosted service that stops the bus with the host is not there when the test started it itself.
        if (_busStartedByTest)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await Services.GetRequiredService<IBusDepot>().Stop(timeout.Token);
        }
        await base.DisposeAsync();
        _busGate.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Publishes and waits until the service's consumers have finished with the message.</summary>
    public async Task<Guid> PublishAndWaitAsync(object message, Guid? messageId = null)
    {
        var times = messageId is { } known ? Consumed.Count(known) + 1 : 1;
        var id = await PublishAsync(message, messageId);
        await Consumed.WaitForAsync(id, times);
        return id;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in CommonSettings()) builder.UseSetting(key, value);
        foreach (var (key, value) in Setup.Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            Tokens.TrustIn(services);
            if (Setup.Relay)
            {
                // The relay publishes as soon as the server is up: the service's queues must be bound by then.
                services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
            }
            else
            {
                // Started by the first publish instead (BusAsync).
                services.RemoveMassTransitHostedService();
            }
            services.AddConsumeObserver(_ => Consumed);
            if (Setup.Clock is { } clock) services.Replace(ServiceDescriptor.Singleton(clock));
            Setup.Services?.Invoke(services);
        });
    }

    private IEnumerable<(string, string?)> CommonSettings()
    {
        yield return ($"ConnectionStrings:{Name.ToLowerInvariant()}db", Database);
        yield return ("ConnectionStrings:messaging", Messaging);
        // One broker user for the service under test and the tests that publish to it: it is the one trusted (#25 point 8).
        yield return ("Messaging:BrokerUsers", "Shared");
        yield return ("Privacy:ChildReferenceKey", Convert.ToBase64String(ChildReferenceKey));
        yield return ("Messaging:Outbox:Enabled", Setup.Relay ? "true" : "false");
        // Classic queues on each test's own virtual host: a quorum queue's Raft machinery costs the broker CPU
        // and proves nothing here (the end-to-end suite and its fault suite run on quorum queues).
        yield return ("Messaging:QuorumQueues", "false");
        // Background jobs off: each test runs a job's pass itself, at a time its fake clock sets.
        // Jobs:Enabled is the one switch of the shared job host; the others are today's per-service ones.
        yield return ("Jobs:Enabled", "false");
        yield return ($"{Name}:DeadlineWatcherEnabled", "false");
        yield return ("Retention:Enabled", "false");
        yield return ("Audit:RetentionEnabled", "false");
        yield return ("Audit:ChainKeyId", "test");
        yield return ("Audit:ChainKeys:test", Convert.ToBase64String(AuditChainKey));
        yield return ("Audit:Anchors:SigningKey", Convert.ToBase64String(AuditAnchorKey));
        yield return ("Audit:Anchors:Enabled", "false");
        yield return ("Audit:Anchors:Directory", AnchorDirectory);
        yield return ("Subscriptions:Delivery:DispatcherEnabled", "false");
    }
}
