using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Bench.LoadDriver;

namespace Platform.Bench.Limits;

/// <summary>
/// A trivial Kestrel endpoint (a GET answering a short text, no middleware) in the benchmark's own
/// process, driven over loopback HTTP/1.1 by the same kind of client the scenarios use: the most
/// requests per second this machine's HTTP stack gives, driver and server sharing the two cores
/// as the platform and its driver do.
/// </summary>
public static class KestrelLimit
{
    public static async Task<LoadResult> MeasureAsync(int concurrency, TimeSpan duration, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/", () => Results.Text("ok"));
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(address) };
        try
        {
            return await ClosedLoad.RunAsync(concurrency, duration, async (_, token) =>
            {
                using var response = await client.GetAsync("/", token);
                response.EnsureSuccessStatusCode();
            }, ct);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }
}
