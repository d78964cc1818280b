using System.Diagnostics;

namespace Platform.AppHost.Infrastructure;

/// <summary>
/// PostgreSQL refuses to run as root and the Debian RabbitMQ expects its own user. When the AppHost
/// runs as root (CI, fresh machines) the servers run as the packages' users <c>postgres</c> and
/// <c>rabbitmq</c> through <c>runuser</c>, and their data folders belong to those users.
/// As an ordinary user, everything simply runs as that user.
/// </summary>
internal static class ServiceUsers
{
    public static bool IsRoot => Environment.UserName == "root" || Environment.GetEnvironmentVariable("EUID") == "0" || GetUid() == 0;

    /// <summary>The command and leading arguments that run <paramref name="program"/> as <paramref name="user"/>.</summary>
    public static (string Command, string[] Prefix) RunAs(string user, string program) =>
        IsRoot ? ("runuser", ["-u", user, "--", program]) : (program, []);

    public static void GiveTo(string user, string path)
    {
        if (IsRoot) Run("chown", "-R", $"{user}:{user}", path);
    }

    /// <summary>Lets the service users reach a data folder under a root-owned parent.</summary>
    public static void MakeTraversable(string path)
    {
        if (!IsRoot || OperatingSystem.IsWindows()) return;
        for (var dir = new DirectoryInfo(path); dir is not null && dir.FullName != "/"; dir = dir.Parent)
        {
            if (dir.FullName is "/tmp" or "/var/tmp") break;
            dir.UnixFileMode |= UnixFileMode.OtherExecute | UnixFileMode.GroupExecute;
        }
    }

    public static void Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{command} {string.Join(' ', arguments)}' failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
    }

    private static int GetUid()
    {
        try { return int.Parse(File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:")).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]); }
        catch (Exception) { return -1; }
    }
}
