using System.Net;
using System.Net.Sockets;

namespace Platform.EndToEnd.Tests.Faults.Journeys;

/// <summary>
/// The coordinator's webhook: accepts every notification (204) so deliveries complete. The suite
/// counts the deliveries Subscriptions made, not what arrived here (delivery is at-least-once).
/// </summary>
public sealed class NotificationSink : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public NotificationSink()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public string CallbackUrl => $"http://127.0.0.1:{Port}/notifications/";

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (HttpListenerException) { return; }
            catch (ObjectDisposedException) { return; }
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
