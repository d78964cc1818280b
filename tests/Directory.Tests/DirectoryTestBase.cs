using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Directory;
using Platform.Directory.Infrastructure;
using Platform.Messaging.Outbox;
using Platform.TestInfrastructure;

namespace Platform.Directory.Tests;

/// <summary>One Directory per test class, and the cast: the region's office that keeps it, a municipality, a school, JGZ.</summary>
public abstract class DirectoryTestBase(TestServersFixture fixture, bool relay = false) : IAsyncLifetime
{
    protected readonly TestTokens Tokens = new();
    protected DirectoryFactory Directory = null!;
    protected string Messaging = "";
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Messaging = await TestVirtualHost.CreateAsync(fixture.Servers, "directory");
        Directory = new DirectoryFactory(TestDatabase.NewConnectionString(fixture.Servers, "directory"), Messaging, Tokens, relay);
        _ = Directory.Server;
    }

    public async ValueTask DisposeAsync() => await Directory.DisposeAsync();

    protected HttpClient As(string organisation, string type, params string[] roles)
    {
        var client = Directory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Tokens.For(organisation, "directory-api", type, roles: roles));
        return client;
    }

    protected HttpClient AsKeeper => As("regio-zuid-limburg", "region", "directory-admin");
    protected HttpClient AsMaastricht => As("gemeente-maastricht", "municipality");
    protected HttpClient AsDeLinde => As("school-bs-de-linde", "school");

    protected static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The snapshots staged in the outbox so far, oldest first.</summary>
    protected async Task<List<DirectoryPublished>> SnapshotsAsync()
    {
        await using var scope = Directory.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<DirectoryDbContext>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.MessageType == typeof(DirectoryPublished).FullName).OrderBy(m => m.Sequence).ToListAsync(Ct);
        return [.. rows.Select(r => JsonSerializer.Deserialize<DirectoryPublished>(r.Body, JsonSerializerOptions.Web)!)];
    }

    protected static void AssertErrorOn(JsonElement problem, string field) =>
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"Expected an error on {field}: {problem}");
}
