using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Platform.EndToEnd.Tests.Faults.Control;

/// <summary>
/// The fault suite's partitionable path (#28) on its own, against a listener of the test's: bytes go through the
/// namespace and back; cut, nothing arrives and nothing is refused (silence, as a real partition); healed, the same
/// connection carries bytes again. Needs root, ip, nft and socat (scripts/prerequisites.sh installs them for tests).
/// </summary>
public sealed class NetworkPartitionTests
{
    [Fact]
    public async Task A_cut_path_falls_silent_without_a_reset_and_carries_the_same_connection_again_once_healed()
    {
        var why = NetworkPartition.WhyNot();
        Assert.SkipWhen(why is not null, $"No network partition here: {why}");
        var ct = TestContext.Current.CancellationToken;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        await using var partition = await NetworkPartition.CreateAsync(id: 9);
        partition.BrokerNodes = [new IPEndPoint(IPAddress.Loopback, 1), (IPEndPoint)listener.LocalEndpoint]; // the first refuses: the relay tries the next

        using var client = new TcpClient();
        await client.ConnectAsync(IPEndPoint.Parse(partition.BrokerAddress), ct);
        using var server = await listener.AcceptTcpClientAsync(ct);
        var stream = client.GetStream();
        var far = server.GetStream();

        await stream.WriteAsync("before"u8.ToArray(), ct);
        Assert.Equal("before", await ReadAsync(far, 6, TimeSpan.FromSeconds(10), ct));

        await partition.CutAsync();
        await stream.WriteAsync("during"u8.ToArray(), ct); // accepted by the kernel, never delivered: no error, no reset
        Assert.Null(await ReadAsync(far, 6, TimeSpan.FromSeconds(3), ct));

        await partition.HealAsync();
        // TCP retransmits what was held back: the same connection, no reconnect.
        Assert.Equal("during", await ReadAsync(far, 6, TimeSpan.FromSeconds(30), ct));
    }

    private static async Task<string?> ReadAsync(NetworkStream stream, int count, TimeSpan limit, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit);
        var buffer = new byte[count];
        var read = 0;
        try
        {
            while (read < count)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), timeout.Token);
                if (n == 0) throw new IOException("The connection was closed.");
                read += n;
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { return null; }
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
