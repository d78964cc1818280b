using System.Diagnostics;

namespace Platform.TestInfrastructure;

internal static class DockerEngine
{
    /// <summary>True only when an engine answers; a docker client alone is not enough.</summary>
    public static async Task<bool> IsAvailableAsync()
    {
        if (Environment.GetEnvironmentVariable("PLATFORM_TEST_INFRASTRUCTURE") is { } forced)
            return forced == "containers";
        try
        {
            using var process = Process.Start(new ProcessStartInfo("docker", "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null) return false;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode == 0;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            return false;
        }
    }
}
