using Xunit;

namespace Platform.TestInfrastructure;

/// <summary>
/// Assembly fixture: one <see cref="TestServers"/> per test assembly (and, under
/// <c>scripts/test.sh</c>, one per test run). Register with
/// <c>[assembly: AssemblyFixture(typeof(TestServersFixture))]</c>.
/// </summary>
public sealed class TestServersFixture : IAsyncLifetime
{
    private TestServers? _servers;

    public TestServers Servers => _servers ?? throw new InvalidOperationException("Servers not started.");

    public async ValueTask InitializeAsync() =>
        _servers = await TestServers.StartAsync(
            shared: System.Reflection.Assembly.GetEntryAssembly()?.IsDefined(typeof(OwnTestServersAttribute), false) != true);

    public async ValueTask DisposeAsync()
    {
        if (_servers is null) return;
        await TestVirtualHost.DeleteCreatedAsync(_servers);
        await _servers.DisposeAsync();
    }
}
