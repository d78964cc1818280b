using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Platform.AppHost;
using Platform.ServiceDefaults;

namespace Platform.EndToEnd.Tests.Contracts;

/// <summary>
/// docs/asyncapi/events.json is the events contract: made from src/Contracts and the running
/// platform's broker (who consumes what), it must equal the committed copy.
/// <c>PLATFORM_WRITE_OPENAPI=1</c> writes it instead (scripts/openapi.sh runs that).
/// </summary>
public sealed class AsyncApiDocumentTests(PlatformFixture platform)
{
    // Written as a reviewer reads it ('+' and quotes as themselves); compared as JSON, not as text.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task The_events_document_is_made_from_the_contracts_and_the_broker_and_committed()
    {
        var ct = TestContext.Current.CancellationToken;
        var consumers = await ConsumersOnTheBrokerAsync(ct);
        Assert.Contains("monitoring", consumers["ReferralSubmitted"]);
        var document = AsyncApiDocument.Build(consumers);
        var file = Path.Combine(Repository.Root(), "docs", "asyncapi", "events.json");
        if (Environment.GetEnvironmentVariable("PLATFORM_WRITE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, document.ToJsonString(Indented) + "\n", ct);
            return;
        }
        Assert.True(File.Exists(file), "No docs/asyncapi/events.json: run scripts/openapi.sh and commit it.");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await File.ReadAllTextAsync(file, ct)), document),
            "docs/asyncapi/events.json no longer matches the contracts or who consumes them: run scripts/openapi.sh and commit the change.");
    }

    /// <summary>Per event exchange, the services whose queues are bound to it (a queue and its exchange are named <c>&lt;service&gt;-&lt;event&gt;</c>).</summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ConsumersOnTheBrokerAsync(CancellationToken ct)
    {
        using var management = new HttpClient { BaseAddress = ManagementUrl() };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
        // Services bind their queues when their bus starts: wait until every service has.
        JsonArray bindings = [];
        await Platform.TestInfrastructure.Eventually.TrueAsync(async () =>
        {
            bindings = JsonNode.Parse(await management.GetStringAsync("api/bindings/%2F", ct))!.AsArray();
            var services = bindings.Select(b => ((string?)b!["destination"])?.Split('-')[0]).ToHashSet();
            return new[] { "attendance", "audit", "directory", "funding", "handover", "intake", "monitoring", "subscriptions" }.All(services.Contains);
        }, "every service to bind its queues", TimeSpan.FromSeconds(60), ct);
        return bindings
            // MassTransit binds the event's exchange to an exchange named like the consumer's queue, which feeds the queue.
            // (and to the exchanges of the interfaces it implements, which no service consumes).
            .Where(b => ((string?)b!["source"])?.StartsWith("Platform.Contracts.", StringComparison.Ordinal) == true
                        && ((string?)b["destination"])?.Contains(':') == false)
            .GroupBy(b => ((string)b!["source"]!).Split(':').Last())
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(b => ((string)b!["destination"]!).Split('-')[0]).Distinct().Order(StringComparer.Ordinal)]);
    }

    /// <summary>The management API of the platform's RabbitMQ: the local process's URL, or the container's endpoint.</summary>
    private Uri ManagementUrl()
    {
        var model = platform.App.Services.GetRequiredService<DistributedApplicationModel>();
        var local = model.Resources.FirstOrDefault(r => r.Name == "rabbitmq")?.Annotations.OfType<ResourceUrlAnnotation>().FirstOrDefault();
        if (local is not null) return new Uri(local.Url.TrimEnd('/') + "/");
        var endpoint = ((IResourceWithEndpoints)model.Resources.First(r => r.Name == ResourceNames.Messaging)).GetEndpoint("management");
        return new Uri(endpoint.Url.TrimEnd('/') + "/");
    }

}

internal static class Repository
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }
}
