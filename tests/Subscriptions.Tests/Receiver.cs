using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Platform.Subscriptions.Tests;

/// <summary>An integrator's receiver on a real socket: records what arrives and answers as told.</summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    public ConcurrentQueue<(string Signature, string Delivery, string Body)> Received { get; } = new();
    public int StatusCode { get; set; } = 200;
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;
    public string Url { get; }

    private Receiver(WebApplication app, string url) => (_app, Url) = (app, url);

    public static async Task<Receiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        Receiver? receiver = null;
        app.MapPost("/notifications", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            receiver!.Received.Enqueue((request.Headers["Village-Signature"].ToString(), request.Headers["Village-Delivery"].ToString(), body));
            if (receiver.Delay > TimeSpan.Zero) await Task.Delay(receiver.Delay);
            return Results.StatusCode(receiver.StatusCode);
        });
        await app.StartAsync();
        var address = app.Urls.First();
        receiver = new Receiver(app, $"{address}/notifications");
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
