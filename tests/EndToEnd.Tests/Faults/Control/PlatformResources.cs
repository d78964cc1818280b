using System.Runtime.InteropServices;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>SIGKILL to a RabbitMQ node's Erlang runtime: the node is lost at once, as when its machine dies.</summary>
    public Task KillBrokerNodeAsync(string resource, CancellationToken ct) => SignalAndWaitForExitAsync(resource, SigKill, ct, "beam.smp");

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

    /// <summary>How long a signalled process may take to be seen gone, and a started one to report healthy.</summary>
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(60), HealthyLimit = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Aspire's start command on a stopped resource, then waits until it is healthy again. A start that does
    /// not report healthy within <see cref="HealthyLimit"/> is stopped and started once more (an orchestrator
    /// would do the same); a second miss is an error that says what the resource's state and health were.
    /// </summary>
    public async Task StartAsync(string resource, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await StartCommandAsync(resource, ct);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(HealthyLimit);
            try
            {
                // Waiting through a terminal state: right after the start command the resource may still show the exit
                // it is being started from, and the default behaviour (no dashboard) gives up on that at once.
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, WaitBehavior.WaitOnResourceUnavailable, limit.Token);
                return;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                var state = Describe(resource);
                if (attempt == 2) throw new TimeoutException($"'{resource}' was not healthy {HealthyLimit.TotalSeconds:0} s after two starts ({state}).");
                await app.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand, ct);
                await WaitForExitAsync(resource, ct);
            }
        }
    }

    /// <summary>Every resource's state and health, one line, for a failure message.</summary>
    public string Describe() =>
        string.Join(", ", app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Select(r => Describe(r.Name)));

    private string Describe(string resource) =>
        app.ResourceNotifications.TryGetCurrentState(resource, out var e)
            ? $"{resource} {e.Snapshot.State?.Text ?? "?"}/{e.Snapshot.HealthStatus?.ToString() ?? "-"}"
              + (e.Snapshot.ExitCode is { } code ? $" exit {code}" : "")
              + string.Concat(e.Snapshot.HealthReports.Where(h => h.Status is not Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
                  .Select(h => $" [{h.Name}: {h.Description ?? h.ExceptionText?.Split('\n')[0]}]"))
            : $"{resource} unknown";

    private async Task StartCommandAsync(string resource, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var result = await app.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, ct);
            if (result.Success) return;
            // Still stopping: the command is offered once the resource has exited.
            if (clock.Elapsed > ExitLimit)
                throw new TimeoutException($"Aspire would not start '{resource}' for {ExitLimit.TotalSeconds:0} s: {result.Message} ({Describe(resource)}).");
            await Task.Delay(200, ct);
        }
    }

    private async Task SignalAndWaitForExitAsync(string resource, int signal, CancellationToken ct, string? processName = null)
    {
        var root = RootProcess(resource);
        var target = processName is null ? AppProcess(resource) : FindProcess(root, processName);
        Signal(target, signal);
        try { await WaitForExitAsync(resource, ct); }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message} Signalled {target} ({string.Join(' ', CommandLine(target))}) under {root}.", ex);
        }
    }

    /// <summary>Aspire (DCP) sees the process end and marks the resource exited; only then can it be started again.</summary>
    private async Task WaitForExitAsync(string resource, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(ExitLimit);
        try
        {
            await app.ResourceNotifications.WaitForResourceAsync(resource,
                e => e.Snapshot.State?.Text is { } s && (s == KnownResourceStates.Exited || s == KnownResourceStates.Finished || s == KnownResourceStates.FailedToStart), limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"'{resource}' was not seen to exit within {ExitLimit.TotalSeconds:0} s ({Describe(resource)}).");
        }
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
        // The process whose command line names the project's own assembly (its apphost or its .dll), not
        // whatever else the CLI may have started beside it (an MSBuild node, say): signalling one of those
        // would leave the service running and the suite waiting for an exit that never comes.
        if (ProjectAssembly(resource) is { } assembly
            && candidates.LastOrDefault(pid => CommandLine(pid).Any(a => Path.GetFileNameWithoutExtension(a) == assembly)) is var own and > 0)
            return own;
        return candidates.Count > 0 ? candidates[^1] : root;
    }

    private string? ProjectAssembly(string resource) =>
        app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>()
            .FirstOrDefault(p => p.Name == resource)?.GetProjectMetadata().ProjectPath is { } path
            ? Path.GetFileNameWithoutExtension(path)
            : null;

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
