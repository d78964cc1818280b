using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Platform.AppHost;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The whole platform as the AppHost starts it (PostgreSQL, RabbitMQ, Identity, services,
/// gateway), once for all end-to-end tests, on throwaway data and free ports.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("platform-e2e-").FullName;
    private DistributedApplication? _app;

    public HttpClient Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            $"Platform:LocalInfrastructure:DataDirectory={_data}",
            "DcpPublisher:RandomizePorts=true",
        ]);
        _app = await appHost.BuildAsync();
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await _app.StartAsync(startup.Token);
        await _app.ResourceNotifications.WaitForResourceAsync(ResourceNames.Gateway, KnownResourceStates.Running, startup.Token);

        Gateway = _app.CreateHttpClient(ResourceNames.Gateway, "http");
        Gateway.Timeout = TimeSpan.FromSeconds(30);
        // Running is not ready: wait until the gateway answers and Identity hands out tokens through it.
        while (!startup.IsCancellationRequested)
        {
            try
            {
                var token = await Demo.TokenAsync(Gateway, Demo.School);
                if (token is not null) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(500, startup.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
