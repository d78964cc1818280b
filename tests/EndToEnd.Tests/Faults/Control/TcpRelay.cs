using System.Net;
using System.Net.Sockets;

namespace Platform.EndToEnd.Tests.Faults.Control;

/// <summary>
/// Relays every TCP connection it accepts to the first of its targets that takes one: a broker cluster's nodes, tried
/// in turn, as the services' own bus would. When either side closes, so does the other, so a client behind the relay
/// sees a lost node as a lost connection and reconnects (through the relay, to a node that is up).
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Task, byte> _relaying = new();
    private volatile IReadOnlyList<IPEndPoint> _targets = [];

    public TcpRelay(IPEndPoint listenOn)
    {
        _listener = new TcpListener(listenOn);
        _listener.Start();
        Endpoint = (IPEndPoint)_listener.LocalEndpoint;
        _accepting = AcceptAsync();
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>Where accepted connections go from now on, first that answers; until set, they are closed at once.</summary>
    public IReadOnlyList<IPEndPoint> Targets { get => _targets; set => _targets = value; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            var relaying = RelayAsync(client);
            _relaying.TryAdd(relaying, 0);
            _ = relaying.ContinueWith(done => _relaying.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        Socket? upstream = null;
        try
        {
            upstream = await ConnectAsync();
            if (upstream is null) return;
            using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var pumps = new[] { PumpAsync(client, upstream, done.Token), PumpAsync(upstream, client, done.Token) };
            await Task.WhenAny(pumps);
            // One side is gone: so is the other (the client sees a lost node as a lost connection and reconnects).
            await done.CancelAsync();
            await Task.WhenAll(pumps);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException) { }
        finally
        {
            upstream?.Dispose();
            client.Dispose();
        }
    }

    private async Task<Socket?> ConnectAsync()
    {
        foreach (var target in _targets)
        {
            var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                limit.CancelAfter(TimeSpan.FromSeconds(5));
                await socket.ConnectAsync(target, limit.Token);
                return socket;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                socket.Dispose();
            }
        }
        return null;
    }

    private static async Task PumpAsync(Socket from, Socket to, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, ct);
                if (read == 0) return;
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, ct);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_relaying.Keys);
        _stop.Dispose();
    }
}
