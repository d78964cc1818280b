using System.Runtime.InteropServices;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Platform.EndToEnd.Tests.Faults.Control;

/// <summary>
/// The platform's processes, as an operator's tools see them: the process behind a resource, signals
/// to it, and Aspire's own start command (the dashboard's "Start" button) to bring it back.
/// </summary>
public sealed partial class PlatformResources(DistributedApplication app)
{
    private const int SigKill = 9, SigQuit = 3, SigTerm = 15, SigCont = 18, SigStop = 19;
    private readonly HashSet<int> _paused = [];

    /// <summary>SIGKILL: the process dies at once, mid-request, mid-transaction, mid-publish.</summary>
    public Task KillAsync(string resource, CancellationToken ct) => SignalAndWaitForExitAsync(resource, SigKill, ct);

    /// <summary>SIGTERM to RabbitMQ's Erlang node: the broker shuts down as on <c>systemctl stop</c>.</summary>
    public Task StopBrokerAsync(string resource, CancellationToken ct) => SignalAndWaitForExitAsync(resource, SigTerm, ct, "beam.smp");

    /// <summary>SIGQUIT to the postmaster: PostgreSQL's immediate shutdown, with no checkpoint, as after a crash.</summary>
    public Task StopPostgresImmediatelyAsync(string resource, CancellationToken ct) => SignalAndWaitForExitAsync(resource, SigQuit, ct, "postgres");

    /// <summary>SIGSTOP: the process stays, holds its connections and does nothing.</summary>
    public void Pause(string resource)
    {
        var pid = AppProcess(resource);
        lock (_paused) _paused.Add(pid);
        Signal(pid, SigStop);
    }

    /// <summary>SIGCONT for every process this suite paused.</summary>
    public void ContinueAll()
    {
        lock (_paused)
        {
            foreach (var pid in _paused) Signal(pid, SigCont);
            _paused.Clear();
        }
    }

    /// <summary>Aspire's start command on a stopped resource, then waits until it is healthy again.</summary>
    public async Task StartAsync(string resource, CancellationToken ct)
    {
        while (true)
        {
            var result = await app.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, ct);
            if (result.Success) break;
            // Still stopping: the command is offered once the resource has exited.
            await Task.Delay(200, ct);
        }
        await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, ct);
    }

    private async Task SignalAndWaitForExitAsync(string resource, int signal, CancellationToken ct, string? processName = null)
    {
        var root = RootProcess(resource);
        var target = processName is null ? AppProcess(resource) : FindProcess(root, processName);
        Signal(target, signal);
        // Aspire (DCP) sees the process end and marks the resource exited; only then can it be started again.
        await app.ResourceNotifications.WaitForResourceAsync(resource,
            e => e.Snapshot.State?.Text is { } s && (s == KnownResourceStates.Exited || s == KnownResourceStates.Finished || s == KnownResourceStates.FailedToStart), ct);
    }

    /// <summary>The process DCP started for the resource (for projects: possibly <c>dotnet run</c>).</summary>
    private int RootProcess(string resource)
    {
        if (!app.ResourceNotifications.TryGetCurrentState(resource, out var state))
            throw new InvalidOperationException($"No resource '{resource}'.");
        var pid = state.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value;
        return pid switch
        {
            int i => i,
            long l => (int)l,
            string s when int.TryParse(s, out var i) => i,
            _ => throw new InvalidOperationException($"Resource '{resource}' has no process id (state {state.Snapshot.State?.Text})."),
        };
    }

    /// <summary>
    /// The service's own process: the deepest descendant of what DCP started that is not the .NET
    /// CLI (<c>dotnet run</c> starts the app as a child).
    /// </summary>
    private int AppProcess(string resource)
    {
        var root = RootProcess(resource);
        var candidates = Descendants(root).Prepend(root).Where(pid => !IsDotnetCli(pid)).ToList();
        return candidates.Count > 0 ? candidates[^1] : root;
    }

    private static int FindProcess(int root, string name) =>
        Descendants(root).Prepend(root).FirstOrDefault(pid => ProcessName(pid) == name) is var pid and > 0
            ? pid
            : throw new InvalidOperationException($"No '{name}' process under {root}.");

    private static bool IsDotnetCli(int pid)
    {
        var args = CommandLine(pid);
        return args.Length >= 2 && Path.GetFileName(args[0]) == "dotnet" && args[1] is "run" or "watch";
    }

    /// <summary>Descendants in breadth-first order (children before grandchildren).</summary>
    private static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            var parent = ParentOf(pid);
            if (parent is null) continue;
            if (!parents.TryGetValue(parent.Value, out var children)) parents[parent.Value] = children = [];
            children.Add(pid);
        }
        var result = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var pid))
            foreach (var child in parents.GetValueOrDefault(pid) ?? [])
            {
                result.Add(child);
                queue.Enqueue(child);
            }
        return result;
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private static string ProcessName(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim(); }
        catch (IOException) { return ""; }
    }

    private static string[] CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries); }
        catch (IOException) { return []; }
    }

    private static void Signal(int pid, int signal)
    {
        if (Kill(pid, signal) != 0)
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}.");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
