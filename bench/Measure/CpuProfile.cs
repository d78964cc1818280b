using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Bench.Measure;

/// <summary>
/// A CPU profile of the whole machine while a step runs, with Linux <c>perf</c> (Debian's <c>linux-perf</c>): samples of the
/// CPU clock on every core with call stacks, so PostgreSQL, RabbitMQ and each .NET service are seen in one picture and only
/// time spent on a CPU counts. (dotnet-trace's sample profiler samples every managed thread, waiting or not: on a platform
/// that mostly waits for I/O its "hot" stacks are waits.) The .NET services write perf maps
/// (<c>DOTNET_PerfMapEnabled=3</c>, and W^X off so that perf finds the code where the map says, both set by <see cref="Platform.PlatformHost"/>), so JIT-compiled methods have names.
/// </summary>
public sealed partial class CpuProfile(string data)
{
    /// <summary>Where perf wrote its samples.</summary>
    public string Data { get; } = data;

    /// <summary>Records every CPU for <paramref name="duration"/>; null with the reason when perf is missing or not allowed here.</summary>
    public static async Task<(CpuProfile? Profile, string? Why)> RecordAsync(TimeSpan duration, CancellationToken ct)
    {
        var data = Path.Combine(Path.GetTempPath(), $"platform-bench-{Environment.ProcessId}-{Guid.NewGuid():N}.perf.data");
        var seconds = Math.Max(1, (int)Math.Round(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var (code, _, error) = await RunAsync("perf", ["record", "-a", "-g", "-e", "cpu-clock", "-F", "499", "-o", data, "--", "sleep", seconds], ct);
        if (code != 0 || !File.Exists(data)) return (null, code == -1 ? "perf is not installed (apt-get install linux-perf)" : $"perf record failed: {error.Trim()}");
        return (new CpuProfile(data), null);
    }

    /// <summary>Share of all samples per (process, module), by the pids each platform resource had.</summary>
    public async Task<IReadOnlyList<(string Process, string Module, double Percent)>> ByProcessAndModuleAsync(
        IReadOnlyDictionary<string, ProcessTree> resources, CancellationToken ct)
    {
        // perf names each sample's thread: every thread of every process of a resource is that resource's.
        var owner = resources.SelectMany(r => r.Value.Members().SelectMany(Threads).Select(tid => (tid, r.Key)))
            .GroupBy(p => p.tid).ToDictionary(g => g.Key, g => g.First().Key);
        var (_, output, _) = await RunAsync("perf", ["report", "-i", Data, "--stdio", "--no-children", "-g", "none", "--sort", "pid,dso", "--percent-limit", "0.3", "--field-separator", "|"], ct);
        var rows = new List<(string, string, double)>();
        foreach (var line in output.Split('\n'))
            if (PidDsoLine().Match(line) is { Success: true } m)
            {
                var pid = int.Parse(m.Groups["pid"].Value, CultureInfo.InvariantCulture);
                // The idle task: a core with nothing to run.
                if (pid == 0) continue;
                var module = m.Groups["dso"].Value.Trim();
                rows.Add((owner.GetValueOrDefault(pid, $"other ({m.Groups["comm"].Value})"), module.StartsWith("[JIT]", StringComparison.Ordinal) ? "JIT-compiled .NET" : module,
                    double.Parse(m.Groups["percent"].Value, CultureInfo.InvariantCulture)));
            }
        var busy = await BusyPercentAsync(ct);
        return [.. rows.GroupBy(r => (r.Item1, r.Item2)).Select(g => (g.Key.Item1, g.Key.Item2, g.Sum(r => r.Item3) * 100 / busy)).OrderByDescending(r => r.Item3)];
    }

    private static IEnumerable<int> Threads(int pid)
    {
        try
        {
            return [.. System.IO.Directory.EnumerateDirectories($"/proc/{pid}/task").Select(d => int.TryParse(Path.GetFileName(d), out var tid) ? tid : 0).Where(t => t > 0)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [pid];
        }
    }

    /// <summary>
    /// The functions a resource's processes spent their CPU in, inclusive of what they called (call stacks), as a share of
    /// all samples on the machine; <paramref name="top"/> of them.
    /// </summary>
    public async Task<IReadOnlyList<(string Function, double Inclusive, double Self)>> FunctionsAsync(ProcessTree tree, int top, bool bySelf, CancellationToken ct)
    {
        var pids = string.Join(",", tree.Members());
        if (pids.Length == 0) return [];
        var (_, output, _) = await RunAsync("perf", ["report", "-i", Data, "--stdio", "--children", "-g", "none", "--sort", "sym", "--pid", pids, "--percent-limit", "0.2"], ct);
        var rows = new List<(string Function, double Inclusive, double Self)>();
        foreach (var line in output.Split('\n'))
            if (SymbolLine().Match(line) is { Success: true } m)
                rows.Add((Shorten(m.Groups["sym"].Value.Trim()), double.Parse(m.Groups["children"].Value, CultureInfo.InvariantCulture),
                    double.Parse(m.Groups["self"].Value, CultureInfo.InvariantCulture)));
        var busy = await BusyPercentAsync(ct);
        // Addresses without a name are precompiled (ReadyToRun) framework code perf cannot name: the thread pool's and Kestrel's
        // loops, which every request runs under. Named, the frames say where the work is.
        return [.. rows.Where(r => !r.Function.StartsWith("0x", StringComparison.Ordinal) && r.Function is not ("start_thread" or "clone3" or "[unknown]"))
            .OrderByDescending(r => bySelf ? r.Self : r.Inclusive).Take(top).Select(r => (r.Function, r.Inclusive * 100 / busy, r.Self * 100 / busy))];
    }

    private double? _busy;

    /// <summary>The samples' share that found a core busy (not in the idle task): what the other shares are taken of.</summary>
    private async Task<double> BusyPercentAsync(CancellationToken ct)
    {
        if (_busy is { } known) return known;
        var (_, output, _) = await RunAsync("perf", ["report", "-i", Data, "--stdio", "--no-children", "-g", "none", "--sort", "pid"], ct);
        var idle = output.Split('\n').Select(l => PidLine().Match(l)).Where(m => m.Success && m.Groups["pid"].Value == "0")
            .Sum(m => double.Parse(m.Groups["percent"].Value, CultureInfo.InvariantCulture));
        return (_busy = Math.Max(1, 100 - idle)).Value;
    }

    /// <summary>For the results folder: per resource, its functions by own CPU (module and name), as perf reports them.</summary>
    public async Task<string> TextAsync(IReadOnlyDictionary<string, ProcessTree> resources, CancellationToken ct)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (name, tree) in resources.OrderBy(r => r.Key))
        {
            var pids = string.Join(",", tree.Members());
            if (pids.Length == 0) continue;
            var (_, output, _) = await RunAsync("perf", ["report", "-i", Data, "--stdio", "--no-children", "-g", "none", "--sort", "dso,sym", "--pid", pids, "--percent-limit", "0.05"], ct);
            text.AppendLine($"===== {name} (pids {pids}); percentages of all samples, idle included: {Format(100 - await BusyPercentAsync(ct))}% idle").AppendLine(output);
        }
        return text.ToString();
    }

    private static string Format(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    public void Delete()
    {
        try { File.Delete(Data); File.Delete(Data + ".old"); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>A .NET method's name without its signature's noise: "[.] instance bool [Ns] Type::Method(args)[Optimized]" → "Type::Method".</summary>
    private static string Shorten(string symbol)
    {
        symbol = symbol.StartsWith("[.] ", StringComparison.Ordinal) || symbol.StartsWith("[k] ", StringComparison.Ordinal) ? symbol[4..] : symbol;
        var paren = symbol.IndexOf('(');
        if (paren > 0) symbol = symbol[..paren];
        var space = symbol.LastIndexOf(' ');
        return space > 0 ? symbol[(space + 1)..] : symbol;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string file, string[] arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return (process.ExitCode, await output, await error);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, "", "");
        }
    }

    [GeneratedRegex(@"^\s*(?<percent>[\d.]+)%\s*\|\s*(?<pid>\d+):(?<comm>[^|]*)\|(?<dso>.+)$")]
    private static partial Regex PidDsoLine();

    [GeneratedRegex(@"^\s*(?<percent>[\d.]+)%\s+(?<pid>\d+):")]
    private static partial Regex PidLine();

    [GeneratedRegex(@"^\s*(?<children>[\d.]+)%\s+(?<self>[\d.]+)%\s+(?<sym>.+)$")]
    private static partial Regex SymbolLine();
}
