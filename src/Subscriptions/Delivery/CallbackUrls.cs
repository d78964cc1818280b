using System.Net;
using System.Net.Sockets;

namespace Platform.Subscriptions.Delivery;

/// <summary>
/// SSRF guard (OWASP API7): a callback must be https and must not point into our own network —
/// loopback, link-local (cloud metadata at 169.254.169.254), private ranges, unique-local IPv6.
/// Checked when a subscription is registered (by name and by what the name resolves to) and again
/// at every connection (<see cref="ConnectAsync"/>), so a DNS name that later resolves inward is
/// refused too (DNS rebinding).
/// </summary>
public static class CallbackUrls
{
    public static async Task<string?> ProblemWithAsync(string? url, DeliveryOptions options, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            return "An absolute https URL.";
        if (uri.Scheme == "http" && !options.AllowInsecureCallbacks) return "Must be https.";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "No credentials in the URL.";
        if (options.AllowPrivateCallbacks) return null;
        if (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return "Not a loopback address.";
        // Only the https port: the network policy lets callbacks out on 443 alone, and other ports
        // are how an inward service is usually probed.
        if (uri.Port != 443) return "On port 443.";
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.DnsSafeHost, ct);
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException)
        {
            return "The host name does not resolve.";
        }
        return addresses.Any(IsInternal) ? "Not an internal, private, loopback or link-local address." : null;
    }

    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (EmbeddedIPv4(address) is { } embedded) return IsInternal(embedded);
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
        var b = address.GetAddressBytes();
        return b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
            || (b[0] == 198 && b[1] is 18 or 19) // benchmarking networks
            || b[0] == 0 || b[0] >= 224;
    }

    /// <summary>IPv6 forms that carry an IPv4 address: IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96), 6to4 (2002::/16).</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return null;
        var b = address.GetAddressBytes();
        if (b.Take(12).All(x => x == 0) && !(b[12] == 0 && b[13] == 0 && b[14] == 0)) return new IPAddress(b[12..16]);
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].All(x => x == 0)) return new IPAddress(b[12..16]);
        if (b[0] == 0x20 && b[1] == 0x02) return new IPAddress(b[2..6]);
        return null;
    }

    /// <summary>The delivery client's connect step: resolves, refuses internal targets, connects.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken ct)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
        var allowed = allowPrivate ? addresses : [.. addresses.Where(a => !IsInternal(a))];
        if (allowed.Length == 0) throw new HttpRequestException($"Refused: {context.DnsEndPoint.Host} resolves to an internal address.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
