using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Directory;
using Platform.Directory.Infrastructure;
using Platform.Messaging.Outbox;
using Platform.TestInfrastructure;

namespace Platform.Directory.Tests;

/// <summary>One Directory per test class, and the cast: the region's office that keeps it, a municipality, a school, JGZ.</summary>
public abstract class DirectoryTestBase(TestServersFixture fixture, bool relay = false) : ServiceTestBase<Program, DirectoryDbContext>(fixture)
{
    protected ServiceFactory<Program, DirectoryDbContext> Directory => Service;
    protected string Messaging => Service.Messaging;

    /// <summary>
    /// Filled with the demo region at start. Without the relay, the published snapshots stay in
    /// the outbox, where the tests read them.
    /// </summary>
    protected override ServiceSetup Setup => new()
    {
        Relay = relay,
        DemoDirectory = false,
        Settings = new Dictionary<string, string?> { ["Directory:SeedDemoRegion"] = "true" },
    };

    protected HttpClient As(string organisation, string type, params string[] roles) =>
        Directory.WithToken(Tokens.For(organisation, Audience, type, roles: roles));

    protected HttpClient AsKeeper => As("regio-zuid-limburg", "region", "directory-admin");
    protected HttpClient AsMaastricht => As("gemeente-maastricht", "municipality");
    protected HttpClient AsDeLinde => As("school-bs-de-linde", "school");

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
