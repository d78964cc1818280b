using System.Diagnostics;

namespace Platform.LocalServers;

/// <summary>
/// PostgreSQL refuses to run as root and the Debian RabbitMQ expects its own user. As root (CI,
/// fresh machines) the servers run as the packages' users <c>postgres</c> and <c>rabbitmq</c>
/// through <c>runuser</c>, and their data folders belong to those users. As an ordinary user,
/// everything simply runs as that user.
/// </summary>
public static class ServiceUsers
{
    public static bool IsRoot { get; } = GetUid() == 0;

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
            // A shared scratch folder (/tmp, /var/tmp, /dev/shm: sticky and open to all) is traversable already.
            if (dir.UnixFileMode.HasFlag(UnixFileMode.StickyBit)) break;
            dir.UnixFileMode |= UnixFileMode.OtherExecute | UnixFileMode.GroupExecute;
        }
    }

    /// <summary>Runs a command to completion; throws with its output if it fails.</summary>
    public static void Run(string command, params string[] arguments) =>
        RunAsync(command, arguments).GetAwaiter().GetResult();

    public static async Task RunAsync(string command, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"'{command} {string.Join(' ', start.ArgumentList)}' failed ({process.ExitCode}): {await stderr}{await stdout}");
    }

    private static int GetUid()
    {
        try
        {
            return int.Parse(File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal))
                .Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
            return Environment.UserName == "root" ? 0 : -1;
        }
    }
}
