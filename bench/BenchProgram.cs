using System.Diagnostics;
using System.Runtime.InteropServices;
using Platform.Bench.Platform;
using Platform.Bench.Report;

namespace Platform.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench -- [full|smoke] [steps]</c>: starts the platform, runs every
/// step (or the ones named), prints the table and writes it to bench/results/.
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var profile = BenchProfile.Parse(args.FirstOrDefault());
        // A second argument names the steps to run (comma-separated, BenchRunner.Steps): "./bench/run.sh full monitor".
        var only = args.Length > 1 ? args[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet() : null;
        if (only?.Except(BenchRunner.Steps).FirstOrDefault() is { } unknown)
        {
            Console.Error.WriteLine($"Unknown step '{unknown}': use {string.Join(", ", BenchRunner.Steps)}.");
            return 2;
        }
        Environment.SetEnvironmentVariable("ASPIRE_ALLOW_UNSECURED_TRANSPORT", "true");
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var repository = FindRepository();
        var commit = Git(repository, "rev-parse HEAD");
        var dirty = Git(repository, "status --porcelain --untracked-files=no").Length > 0;

        await using var host = new PlatformHost();
        await host.StartAsync(Console.Out, cancel.Token);
        var report = await BenchRunner.RunAsync(host.App, profile, Console.Out, cancel.Token, only);
        report.Facts["commit"] = commit + (dirty ? " (with uncommitted changes in tracked files)" : "");
        report.Facts["date (UTC)"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        report.Facts["machine"] = $"{Environment.ProcessorCount} cores, {CpuModel()}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";

        var markdown = MarkdownReport.Render(report);
        Console.WriteLine();
        Console.WriteLine(markdown);
        var path = MarkdownReport.Write(report, Path.Combine(repository, "bench", "results"),
            (commit.Length >= 7 ? commit[..7] : "unknown") + (only is null ? "" : "-" + string.Join("-", BenchRunner.Steps.Where(only.Contains))));
        Console.WriteLine($"Written to {path}");
        foreach (var (name, text) in report.Attachments)
        {
            var attachment = Path.ChangeExtension(path, null) + $"-{name}.txt";
            await File.WriteAllTextAsync(attachment, text);
            Console.WriteLine($"and {attachment}");
        }
        return 0;
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
        return System.IO.Directory.GetCurrentDirectory();
    }

    private static string Git(string repository, string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", $"-C \"{repository}\" {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : "";
        }
        catch (System.ComponentModel.Win32Exception) { return ""; }
    }

    private static string CpuModel() => File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
        : "unknown CPU";
}
