using System.Diagnostics;

namespace Platform.AppHost.Infrastructure;

internal static class ContainerRuntime
{
    /// <summary>
    /// True when a Docker (or Podman) engine answers. A docker client without an engine, as on our
    /// build machines, is not enough.
    /// </summary>
    public static bool IsAvailable()
    {
        foreach (var cli in new[] { "docker", "podman" })
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo(cli, "info --format {{.ServerVersion}}")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                });
                if (process is null) continue;
                if (!process.WaitForExit(TimeSpan.FromSeconds(10))) { process.Kill(entireProcessTree: true); continue; }
                if (process.ExitCode == 0) return true;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed.
            }
        }
        return false;
    }
}
