using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Gateway.Tests;

/// <summary>
/// Stands in for a platform service behind the gateway: a real Kestrel server that answers with
/// what it received, so tests can see what the gateway let through and what it passed on.
/// </summary>
public sealed class EchoBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    public int Hits;

    private EchoBackend(WebApplication app) => _app = app;

    public string Address => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<EchoBackend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var backend = new EchoBackend(app);
        app.Run(async http =>
        {
            Interlocked.Increment(ref backend.Hits);
            if (http.Request.Path.Value?.EndsWith("/dashboard", StringComparison.Ordinal) == true)
            {
                // A page, as the monitor's dashboard is one.
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync("<!doctype html><title>page</title><style>p{}</style><p>page</p>");
                return;
            }
            await http.Response.WriteAsJsonAsync(new
            {
                path = http.Request.Path.Value,
                traceparent = http.Request.Headers["traceparent"].ToString(),
                authorization = http.Request.Headers.Authorization.Count > 0,
            });
        });
        await app.StartAsync();
        return backend;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
