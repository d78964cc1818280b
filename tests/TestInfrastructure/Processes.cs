using System.Diagnostics;

namespace Platform.TestInfrastructure;

internal static class Processes
{
    public static bool IsRoot { get; } = File.ReadAllLines("/proc/self/status")
        .First(l => l.StartsWith("Uid:", StringComparison.Ordinal))
        .Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0";

    /// <summary>PostgreSQL won't run as root; as root, run the servers as their packages' users.</summary>
    public static ProcessStartInfo AsServiceUser(string user, string program, IEnumerable<string> arguments)
    {
        var start = IsRoot ? new ProcessStartInfo("runuser") : new ProcessStartInfo(program);
        if (IsRoot) foreach (var a in new[] { "-u", user, "--", program }) start.ArgumentList.Add(a);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        return start;
    }

    public static async Task RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} failed: {await stderr}{await stdout}");
    }

    public static void Chown(string user, string path)
    {
        if (!IsRoot) return;
        Process.Start("chown", ["-R", $"{user}:{user}", path])!.WaitForExit();
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
