using System.Diagnostics;
using System.Globalization;
using System.Net;
using Platform.LocalServers;
using Platform.TestInfrastructure;

namespace Platform.EndToEnd.Tests.Faults.Control;

/// <summary>
/// A network path between one service and the broker that can be cut, as a partition cuts it in a cluster (#28).
/// The test makes it of its own parts and touches nothing else: a network namespace of its own, a veth pair into it,
/// and two relays. The service's broker address is a relay inside the namespace (socat, started with
/// <c>ip netns exec</c>), which crosses the veth pair to a relay in this process on the host side, which connects to
/// the broker on loopback (<see cref="TcpRelay"/>: the first of the cluster's nodes that answers). <see cref="Cut"/>
/// drops every packet on the namespace's end of the pair, both ways (nftables inside the namespace): nothing is
/// refused or reset, the connections fall silent, as when a switch or a route fails. <see cref="Heal"/> removes the
/// rule. Disposing stops the relay and deletes the pair and the namespace.
/// </summary>
/// <remarks>
/// Needs root on Linux, <c>ip</c> (iproute2), <c>nft</c> and <c>socat</c>; <see cref="WhyNot"/> says what is missing,
/// and the caller says so rather than passing. Only this class's own namespace and veth pair are ever changed.
/// </remarks>
public sealed class NetworkPartition : IAsyncDisposable
{
    private const int InsidePort = 5672;
    private readonly string _namespace;
    private readonly string _hostSide;
    private readonly string _insideSide;
    private readonly Process _insideRelay;
    private readonly TcpRelay _hostRelay;

    private NetworkPartition(string @namespace, string hostSide, string insideSide, Process insideRelay, TcpRelay hostRelay, IPAddress inside)
    {
        _namespace = @namespace;
        _hostSide = hostSide;
        _insideSide = insideSide;
        _insideRelay = insideRelay;
        _hostRelay = hostRelay;
        BrokerAddress = $"{inside}:{InsidePort.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Where the service finds the broker: the relay inside the namespace (<c>host:port</c>).</summary>
    public string BrokerAddress { get; }

    /// <summary>The broker's nodes on loopback, first that answers: set once their ports are known.</summary>
    public IReadOnlyList<IPEndPoint> BrokerNodes { get => _hostRelay.Targets; set => _hostRelay.Targets = value; }

    public bool IsCut { get; private set; }

    /// <summary>
    /// Why a partition cannot be made here, or null when it can: root on Linux, the tools, and the right to make a network
    /// namespace (a container may be root without it), found by making and deleting one.
    /// </summary>
    public static string? WhyNot()
    {
        if (!OperatingSystem.IsLinux() || !ServiceUsers.IsRoot) return "a network namespace needs root on Linux";
        var missing = new[] { "ip", "nft", "socat", "ss" }.Where(tool => Locate(tool) is null).ToList();
        if (missing.Count > 0) return $"{string.Join(", ", missing)} not installed (apt-get install -y iproute2 nftables socat)";
        var probe = $"platform-partition-probe-{Environment.ProcessId}";
        var (made, output) = RunAsync(Locate("ip")!, ["netns", "add", probe]).GetAwaiter().GetResult();
        if (made != 0) return $"no network namespace may be made here ({output.Trim()})";
        RunAsync(Locate("ip")!, ["netns", "del", probe]).GetAwaiter().GetResult();
        return null;
    }

    /// <summary>Makes the namespace, its veth pair and the relays. <paramref name="id"/> (0–63) keeps two paths apart.</summary>
    public static async Task<NetworkPartition> CreateAsync(int id = 0)
    {
        if (WhyNot() is { } why) throw new InvalidOperationException(why);
        await RemoveLeftoversAsync();
        // Names of our own: the namespace's names the process that made it; the interfaces' are short enough (15 characters).
        var tag = $"{Environment.ProcessId % 100000}{id}";
        var @namespace = $"{Prefix}{Environment.ProcessId}-{id}";
        var (hostSide, insideSide) = ($"pph{tag}", $"ppn{tag}");
        // A /30 of its own in the range set aside for benchmarks (RFC 2544), which no real network uses.
        var third = (Environment.ProcessId + id) % 250;
        var host = IPAddress.Parse($"198.18.{third}.1");
        var inside = IPAddress.Parse($"198.18.{third}.2");
        await IpAsync("netns", "add", @namespace);
        TcpRelay? hostRelay = null;
        try
        {
            await IpAsync("link", "add", hostSide, "type", "veth", "peer", "name", insideSide);
            await IpAsync("link", "set", insideSide, "netns", @namespace);
            await IpAsync("addr", "add", $"{host}/30", "dev", hostSide);
            await IpAsync("link", "set", hostSide, "up");
            await IpAsync("netns", "exec", @namespace, "ip", "addr", "add", $"{inside}/30", "dev", insideSide);
            await IpAsync("netns", "exec", @namespace, "ip", "link", "set", insideSide, "up");
            await IpAsync("netns", "exec", @namespace, "ip", "link", "set", "lo", "up");
            hostRelay = new TcpRelay(new IPEndPoint(host, 0));
            // Its output is not read: socat logs nothing unless asked (-d), so no pipe fills up.
            var insideRelay = Process.Start(new ProcessStartInfo(Locate("ip")!)
            {
                ArgumentList =
                {
                    "netns", "exec", @namespace, Locate("socat")!,
                    $"TCP-LISTEN:{InsidePort.ToString(CultureInfo.InvariantCulture)},bind={inside},fork,reuseaddr",
                    $"TCP:{host}:{hostRelay.Endpoint.Port.ToString(CultureInfo.InvariantCulture)}",
                },
            }) ?? throw new InvalidOperationException("socat did not start.");
            var partition = new NetworkPartition(@namespace, hostSide, insideSide, insideRelay, hostRelay, inside);
            await Eventually.TrueAsync(async () => await partition.ListeningAsync(), "the relay in the namespace listening", TimeSpan.FromSeconds(10));
            await partition.InNamespaceAsync(Locate("nft")!, "add", "table", "inet", "partition");
            return partition;
        }
        catch
        {
            if (hostRelay is not null) await hostRelay.DisposeAsync();
            await CleanUpAsync(@namespace, hostSide);
            throw;
        }
    }

    private const string Prefix = "platform-partition-";

    /// <summary>
    /// Namespaces of this kind whose process is gone (a run that was killed): deleted, with what still runs in them; the
    /// veth pair goes with its end inside. Only names this class gives are touched.
    /// </summary>
    private static async Task RemoveLeftoversAsync()
    {
        var (_, list) = await RunAsync(Locate("ip")!, ["netns", "list"]);
        foreach (var name in list.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')[0]))
        {
            var match = System.Text.RegularExpressions.Regex.Match(name, $"^{Prefix}([0-9]+)-[0-9]+$");
            if (match.Success && !Directory.Exists($"/proc/{match.Groups[1].Value}")) await CleanUpAsync(name, hostSide: null);
        }
    }

    /// <summary>Every packet on the namespace's end of the pair dropped, in and out: the path falls silent.</summary>
    public async Task CutAsync()
    {
        var nft = Locate("nft")!;
        await InNamespaceAsync(nft, "add", "chain", "inet", "partition", "partition_in", "{ type filter hook input priority 0; policy accept; }");
        await InNamespaceAsync(nft, "add", "chain", "inet", "partition", "partition_out", "{ type filter hook output priority 0; policy accept; }");
        await InNamespaceAsync(nft, "add", "rule", "inet", "partition", "partition_in", "iifname", _insideSide, "drop");
        await InNamespaceAsync(nft, "add", "rule", "inet", "partition", "partition_out", "oifname", _insideSide, "drop");
        IsCut = true;
    }

    /// <summary>The rules removed: packets flow again on the connections that were cut.</summary>
    public async Task HealAsync()
    {
        await InNamespaceAsync(Locate("nft")!, "delete", "chain", "inet", "partition", "partition_in");
        await InNamespaceAsync(Locate("nft")!, "delete", "chain", "inet", "partition", "partition_out");
        IsCut = false;
    }

    public async ValueTask DisposeAsync()
    {
        try { _insideRelay.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // already gone
        _insideRelay.Dispose();
        await _hostRelay.DisposeAsync();
        await CleanUpAsync(_namespace, _hostSide);
    }

    private async Task<bool> ListeningAsync()
    {
        var (_, output) = await RunAsync(Locate("ip")!, ["netns", "exec", _namespace, Locate("ss")!, "-Hltn"]);
        return output.Contains($":{InsidePort.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal);
    }

    private Task InNamespaceAsync(params string[] command) => IpAsync(["netns", "exec", _namespace, .. command]);

    private static async Task CleanUpAsync(string @namespace, string? hostSide)
    {
        // Deleting one end of a veth pair deletes both (deleting the namespace deletes its end); what runs inside is ended.
        if (hostSide is not null) await RunAsync(Locate("ip")!, ["link", "del", hostSide]);
        var (code, pids) = await RunAsync(Locate("ip")!, ["netns", "pids", @namespace]);
        if (code == 0)
            foreach (var pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                try { Process.GetProcessById(int.Parse(pid, CultureInfo.InvariantCulture)).Kill(); }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException) { }
            }
        await RunAsync(Locate("ip")!, ["netns", "del", @namespace]);
    }

    private static async Task IpAsync(params string[] arguments)
    {
        var (code, output) = await RunAsync(Locate("ip")!, arguments);
        if (code != 0) throw new InvalidOperationException($"ip {string.Join(' ', arguments)} failed ({code}): {output}");
    }

    private static async Task<(int Code, string Output)> RunAsync(string command, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private static string? Locate(string tool) =>
        new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin" }.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
}
