using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Contracts.Audit;
using Platform.Contracts.Intake;
using Platform.LocalServers;
using Platform.Messaging.Publishers;
using Platform.TestInfrastructure;

namespace Platform.Messaging.Tests;

/// <summary>
/// The table of who may do what on the broker (BrokerAccess, #25 point 8) is complete and tight: each
/// service's user may declare, bind and publish everything the service does, on a real RabbitMQ; the
/// owners of guarded events are the only ones who may write them; and the events each service consumes
/// are those docs/asyncapi/events.json says (which the end-to-end suite reads from the running platform's broker).
/// </summary>
public sealed class BrokerAccessTableTests(TestServersFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Services => [.. BrokerAccess.Services];

    private static readonly IReadOnlyList<Type> Events =
        [.. typeof(IIntegrationEvent).Assembly.GetTypes().Where(t => typeof(IIntegrationEvent).IsAssignableFrom(t) && !t.IsInterface && !t.IsAbstract)];

    /// <summary>MassTransit's exchange of an event: <c>Namespace:Name</c>.</summary>
    private static string ExchangeOf(Type type) => $"{type.Namespace}:{type.Name}";

    private static bool MayWrite(string service, Type type) => Regex.IsMatch(ExchangeOf(type), BrokerAccess.For(service).Write);

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_services_own_user_may_declare_and_bind_its_queues_and_publish_every_event_it_owns(string service)
    {
        var broker = await TestVirtualHost.CreateWithServiceUsersAsync(fixture.Servers, $"table-{service}");
        var consumed = BrokerAccess.Consumes[service].Select(e => Events.Single(t => ExchangeOf(t) == e)).ToList();
        await using var host = await MessagingTestHost.StartAsync(fixture.Servers, service, bus =>
            {
                foreach (var type in consumed)
                    bus.AddConsumer(typeof(NoopConsumer<>).MakeGenericType(type)).Endpoint(e => e.Name = $"{service}-{type.Name}");
            },
            new Dictionary<string, string?> { ["Messaging:EndpointPrefix"] = service }, broker.As(service));

        // Every queue declared and bound to its event's exchange under the service's permissions.
        var bus = host.Services.GetRequiredService<IBusControl>();
        await Eventually.TrueAsync(() => Task.FromResult(bus.CheckHealth().Status == BusHealthStatus.Healthy),
            $"{service}'s bus ready as its own broker user ({consumed.Count} queues)", ct: Ct);

        // Every event it may write, published with the broker's confirm.
        var owned = Events.Where(t => MayWrite(service, t)).ToList();
        foreach (var type in owned)
            await bus.Publish(RuntimeHelpers.GetUninitializedObject(type), type, Ct);
        Assert.True(service == "subscriptions" || owned.Count > 0, $"{service} may publish nothing");
        // And a consent event it does not own is refused by the broker, through the same bus (Intake: an access-log line of its own is fine, so another's TLV).
        var foreign = service == "intake" ? typeof(Platform.Contracts.Funding.TlvDecided) : typeof(ConsentGranted);
        // (MassTransit retries a publish the broker refused until the caller gives up, as the outbox relay's publish timeout does: it is never confirmed.)
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        patience.CancelAfter(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAnyAsync<Exception>(() => bus.Publish(RuntimeHelpers.GetUninitializedObject(foreign), foreign, patience.Token));
    }

    [Fact]
    public void A_child_link_is_applied_only_from_the_service_in_which_it_was_made_ADR_0015()
    {
        var linked = new Platform.Contracts.Children.ChildIdentifiersLinked(Guid.NewGuid(), "cr1-from", "cr1-to", "school-a", "attendance", DateTimeOffset.UtcNow);

        Assert.Null(EventOwners.Refusal(linked, "attendance", sharedUser: null));
        // Another linker may not speak for Attendance, and a service that holds no children's numbers may not link at all:
        // the event re-keys every service's records of the child.
        Assert.Contains("ADR-0015", EventOwners.Refusal(linked, "intake", sharedUser: null));
        Assert.NotNull(EventOwners.Refusal(linked with { LinkedIn = "funding" }, "funding", sharedUser: null));
        Assert.NotNull(EventOwners.Refusal(linked, null, sharedUser: null));
    }

    [Fact]
    public void Only_the_owner_of_a_consent_event_and_only_the_child_data_services_may_write_them()
    {
        foreach (var type in new[] { typeof(ConsentGranted), typeof(ConsentWithdrawn), typeof(CaseErased) })
            Assert.Equal(["intake"], BrokerAccess.Services.Where(s => MayWrite(s, type)));
        Assert.Equal(EventOwners.AuditWriters.Order(), BrokerAccess.Services.Where(s => MayWrite(s, typeof(AuditRecorded))).Order());
        // ADR-0015: the three services that hold children's records by onderwijsnummer or platform id link them.
        Assert.Equal(EventOwners.ChildLinkers.Order(), BrokerAccess.Services.Where(s => MayWrite(s, typeof(Platform.Contracts.Children.ChildIdentifiersLinked))).Order());
        // Every event has exactly one owner, except the three every service of a kind sends.
        foreach (var type in Events.Where(t => t != typeof(AuditRecorded) && t.Name is not ("DirectorySnapshotRequested" or "ChildIdentifiersLinked")))
            Assert.True(BrokerAccess.Services.Count(s => MayWrite(s, type)) == 1, $"{type.Name}: writers {string.Join(", ", BrokerAccess.Services.Where(s => MayWrite(s, type)))}");
        // A service reads only its own queues: no read regex lets one service's queue through to another.
        foreach (var reader in BrokerAccess.Services)
            foreach (var owner in BrokerAccess.Services.Where(o => o != reader))
                Assert.DoesNotMatch(BrokerAccess.For(reader).Read, $"{owner}-consent-granted");
    }

    [Fact]
    public void The_events_each_service_consumes_are_those_of_the_committed_events_document()
    {
        var file = Path.Combine(RepositoryRoot(), "docs", "asyncapi", "events.json");
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var channels = document.RootElement.GetProperty("channels");
        var receives = document.RootElement.GetProperty("operations").EnumerateObject()
            .Where(o => o.Value.GetProperty("action").GetString() == "receive")
            .Select(o => (Service: o.Name[..o.Name.IndexOf("Receives", StringComparison.Ordinal)],
                Exchange: channels.GetProperty(o.Value.GetProperty("channel").GetProperty("$ref").GetString()!.Split('/')[^1]).GetProperty("address").GetString()!))
            .ToLookup(r => r.Service, r => r.Exchange);
        Assert.Equal(receives.Select(g => g.Key).Order(), BrokerAccess.Services.Order());
        foreach (var service in BrokerAccess.Services)
            Assert.Equal(receives[service].Order(), BrokerAccess.Consumes[service].Order());
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
        throw new InvalidOperationException("Platform.sln not found.");
    }
}
