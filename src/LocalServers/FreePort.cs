using System.Net;
using System.Net.Sockets;

namespace Platform.LocalServers;

public static class FreePort
{
    /// <summary>A loopback port nothing listens on now (the kernel's pick, so parallel runs do not collide).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
