using Microsoft.Extensions.DependencyInjection;
using Platform.Intake.Infrastructure;
using Platform.Jobs;
using Platform.TestInfrastructure;

namespace Platform.Intake.Tests.Defaults;

/// <summary>
/// The service's database server's standbys against how many it should have (#28, the failover): what
/// <c>platform.database.standbys</c> and <c>.expected</c> report, which the <c>DatabaseStandbyMissing</c> alert compares.
/// Against the real PostgreSQL server, which has no standby: with one expected, the check reports it missing.
/// </summary>
public sealed class StandbyCheckTests(TestServersFixture fixture) : IAsyncLifetime
{
    private ServiceFactory<Program, IntakeDbContext> _intake = null!;

    public async ValueTask InitializeAsync() =>
        _intake = await ServiceFactory<Program, IntakeDbContext>.StartAsync(fixture.Servers, new()
        {
            Prefix = "standby",
            Settings = new Dictionary<string, string?> { ["Database:Standbys"] = "1" },
        });

    public async ValueTask DisposeAsync() => await _intake.DisposeAsync();

    [Fact]
    public async Task A_server_without_the_standby_it_should_have_is_reported_with_none_streaming_of_one_expected()
    {
        var check = _intake.Services.GetRequiredService<StandbyCheck<IntakeDbContext>>();

        await check.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal((0, 1), StandbyMetrics.Last(nameof(IntakeDbContext)));
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=5432;Database=intake", 1)]
    [InlineData("Host=127.0.0.1:5432,127.0.0.1:5433;Target Session Attributes=primary;Database=intake", 2)]
    [InlineData("Host=postgres-rw.village-platform.svc;Database=intake", 1)]
    [InlineData("", 1)]
    public void The_hosts_a_connection_string_names_are_counted_the_standbys_expected_by_default_being_one_fewer(string connectionString, int hosts) =>
        Assert.Equal(hosts, StandbyCheck<IntakeDbContext>.HostsNamedIn(connectionString));
}
