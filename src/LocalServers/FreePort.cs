using System.Net;
using System.Net.Sockets;

namespace Platform.LocalServers;

public static class FreePort
{
    /// <summary>
    /// Ports for the local servers (PostgreSQL, RabbitMQ) come from here; Aspire's proxyless range is above it,
    /// up to 32767 (AppHost appsettings.json, <c>DcpPublisher</c>). Both stay below Linux's ephemeral range
    /// (32768 and up): a port the kernel picks for an outgoing connection can never be one a server must bind
    /// again after a restart (the fault suite restarts them while thousands of connections come and go).
    /// </summary>
    public const int RangeStart = 10_000, RangeEnd = 19_999;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte> Handed = new();

    /// <summary>
    /// A loopback port nothing listens on now and never handed out before by this process, drawn at random so that
    /// parallel runs seldom draw the same. "Nothing listens now" alone is not enough: the AppHost draws all its servers'
    /// ports before any of them starts, and two draws of the same free port (a broker node's and a standby's, one full
    /// fault run) leave the server that starts second unable to listen.
    /// </summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(RangeStart, RangeEnd + 1);
            if (!Handed.TryAdd(port, 0)) continue;
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException) { } // taken: draw again
        }
        throw new InvalidOperationException($"No free port between {RangeStart} and {RangeEnd} after 200 draws.");
    }
}
