using System.Diagnostics;

namespace Platform.LocalServers;

/// <summary>
/// A server started in a session of its own (<c>setsid</c>), its output appended to a log file by
/// the shell that starts it, not through a pipe: the server may outlive this process (the command
/// line starts servers for a shell that stops them later). The session id is the process id, so
/// killing the process group stops the server and every child it started (RabbitMQ's Erlang VM,
/// PostgreSQL's backends), also from a shell that only has the pid.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public static ServerProcess Start(string command, IEnumerable<string> arguments, string logFile,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        // sh execs setsid, which (sh not being a group leader) execs the server in a new session: one pid throughout.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in new[] { "-c", "exec setsid \"$0\" \"$@\" >>\"$PLATFORM_SERVER_LOG\" 2>&1 </dev/null", command })
            start.ArgumentList.Add(argument);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["PLATFORM_SERVER_LOG"] = logFile;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}."));
    }

    /// <summary>Kills a server's whole process group.</summary>
    public static void KillGroup(int id)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-KILL", "--", $"-{id}"]) { RedirectStandardError = true });
        kill?.WaitForExit(5_000);
    }

    public void Dispose()
    {
        KillGroup(Id);
        try { _process.WaitForExit(10_000); }
        catch (InvalidOperationException) { /* already gone */ }
        _process.Dispose();
    }
}
