using MassTransit;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.DirectoryReplica;
using Platform.Messaging;
using Platform.TestInfrastructure;
using Platform.SharedKernel;
using Platform.Data;

namespace Platform.Directory.Tests;

/// <summary>A service in miniature keeping its copy of the directory, over the real RabbitMQ, from the real Directory.</summary>
public sealed class ReplicaTests(TestServersFixture fixture) : DirectoryTestBase(fixture, relay: true)
{
    private readonly TestServersFixture _fixture = fixture;

    public sealed class CopyDbContext(DbContextOptions<CopyDbContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder model)
        {
            model.AddMessagingTables();
            model.AddDirectoryReplica();
        }
    }

    private async Task<IHost> StartCopyAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:copydb"] = TestDatabase.NewConnectionString(_fixture.Servers, "copy"),
            ["ConnectionStrings:messaging"] = Messaging,
            ["Messaging:EndpointPrefix"] = "copy",
        });
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.AddServiceDatabase<CopyDbContext>("copydb");
        builder.AddDirectoryReplica<CopyDbContext>();
        builder.AddPlatformMessaging<CopyDbContext>();
        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<CopyDbContext>().Database.EnsureCreatedAsync(Ct);
        await host.StartAsync(Ct);
        return host;
    }

    private static Task<KnownLocation?> WaitForLocationAsync(IHost copy, string id, Func<KnownLocation?, bool> until) =>
        Eventually.ValueAsync(async () =>
        {
            await using var scope = copy.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IRegionDirectory>().LocationAsync(id, Ct);
        }, until, $"location {id} in the service's copy of the directory", ct: Ct);

    [Fact]
    public async Task A_service_started_after_the_directory_asks_for_a_copy_and_then_follows_every_change()
    {
        using var copy = await StartCopyAsync();

        // Its first start: the Directory published version 1 before the copy's queue existed, so the copy asked.
        var deLinde = await WaitForLocationAsync(copy, "27DL00", l => l is not null);
        Assert.Equal(("school-bs-de-linde", "po", "GM0935"), (deLinde!.OrganisationId, deLinde.Kind, deLinde.Municipality));
        await using (var scope = copy.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CopyDbContext>();
            Assert.Equal(16, await db.Set<KnownMunicipality>().CountAsync(Ct));
            Assert.Contains(await db.Set<KnownPupilCount>().ToListAsync(Ct), p => p is { LocationId: "27HK00", Pupils: 118 });
            var health = await scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>().CheckHealthAsync(Ct);
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, health.Entries["directory-replica"].Status);
        }

        // A school closes a location: the copy follows.
        var closed = await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/locations/27DL01", new
        {
            organisationId = "school-bs-de-linde", name = "Basisschool De Linde, locatie Wyck", kind = "po", brin = "27DL", branchCode = "01",
            municipality = "GM0935", address = new { street = "Rechtstraat 40", postalCode = "6221 EH", place = "Maastricht" }, active = false,
        }, Ct), HttpStatusCode.OK);
        Assert.False(closed.GetProperty("active").GetBoolean());
        var wyck = await WaitForLocationAsync(copy, "27DL01", l => l is { Active: false });
        Assert.False(wyck!.Active);

        // Refused as the services refuse it: a closed location is 422.
        await using var check = copy.Services.CreateAsyncScope();
        var error = await Assert.ThrowsAsync<DomainRuleException>(() => check.ServiceProvider.GetRequiredService<IRegionDirectory>().RequireLocationAsync("locationId", "27DL01", Ct));
        Assert.Equal("locationId", error.Field);
        await copy.StopAsync(Ct);
    }
}
