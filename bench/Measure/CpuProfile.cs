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

    /// <summary>
    /// The functions a resource's processes spent their CPU in, inclusive of what they called (call stacks), as a share of
    /// all samples on the machine; <paramref name="top"/> of them.
    /// </summary>
    public async Task<IReadOnlyList<(string Function, double Inclusive, double Self)>> FunctionsAsync(ProcessTree tree, int top, bool bySelf, CancellationToken ct)
    {
        var pids = string.Join(",", tree.Members());
        if (pids.Length == 0) return [];
        var (_, output, _) = await RunAsync("perf", ["report", "-i", Data, "--stdio", "--children", "-g", "none", "-n", "--sort", "sym", "--pid", pids], ct);
        var rows = new List<(string Function, double Inclusive, double Self)>();
        long ownSamples = 0;
        double samplesPerPercent = 0;
        foreach (var line in output.Split('\n'))
            if (SymbolLine().Match(line) is { Success: true } m)
            {
                var self = double.Parse(m.Groups["self"].Value, CultureInfo.InvariantCulture);
                var samples = long.Parse(m.Groups["samples"].Value, CultureInfo.InvariantCulture);
                ownSamples += samples;
                // The report's own base (perf takes a filtered report's percentages of a base that varies): samples per percent.
                if (samplesPerPercent == 0 && self > 0 && samples > 0) samplesPerPercent = samples / self;
                rows.Add((Shorten(m.Groups["sym"].Value.Trim()), double.Parse(m.Groups["children"].Value, CultureInfo.InvariantCulture), self));
            }
        // A percentage of this report → samples → a part of the resource's own samples → a share of the busy samples.
        var scale = ownSamples == 0 ? 0 : samplesPerPercent / ownSamples * await ShareAsync(tree, ct);
        // Addresses without a name are precompiled (ReadyToRun) framework code perf cannot name: the thread pool's and Kestrel's
        // loops, which every request runs under. Named, the frames say where the work is.
        return [.. rows.Where(r => !r.Function.StartsWith("0x", StringComparison.Ordinal) && r.Function is not ("start_thread" or "clone3" or "[unknown]"))
            .OrderByDescending(r => bySelf ? r.Self : r.Inclusive).Take(top).Select(r => (r.Function, r.Inclusive * scale, r.Self * scale))
            .Where(r => r.Item2 >= 0.05)];
    }

    private Dictionary<int, long>? _samples;

    /// <summary>Samples per process id (every thread of it, those that ended too), from perf script.</summary>
    private async Task<Dictionary<int, long>> SamplesAsync(CancellationToken ct)
    {
        if (_samples is { } known) return known;
        var (_, output, _) = await RunAsync("perf", ["script", "-i", Data, "-F", "pid"], ct);
        var samples = new Dictionary<int, long>();
        foreach (var line in output.Split('\n'))
            if (int.TryParse(line.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
                samples[pid] = samples.GetValueOrDefault(pid) + 1;
        return _samples = samples;
    }

    /// <summary>A resource's share (%) of the busy samples: those that found a core running anything but the idle task (pid 0).</summary>
    public async Task<double> ShareAsync(ProcessTree tree, CancellationToken ct)
    {
        var samples = await SamplesAsync(ct);
        var busy = await BusySamplesAsync(ct);
        return busy == 0 ? 0 : 100.0 * tree.Members().Sum(pid => samples.GetValueOrDefault(pid)) / busy;
    }

    private async Task<long> BusySamplesAsync(CancellationToken ct) => (await SamplesAsync(ct)).Where(s => s.Key != 0).Sum(s => s.Value);

    /// <summary>The share (%) of all samples that found the cores idle.</summary>
    private async Task<double> IdlePercentAsync(CancellationToken ct)
    {
        var samples = await SamplesAsync(ct);
        var total = samples.Values.Sum();
        return total == 0 ? 0 : 100.0 * samples.GetValueOrDefault(0) / total;
    }

    /// <summary>For the results folder: per resource, its functions by own CPU (module and name), as perf reports them.</summary>
    public async Task<string> TextAsync(IReadOnlyDictionary<string, ProcessTree> resources, CancellationToken ct)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (name, tree) in resources.OrderBy(r => r.Key))
        {
            var pids = string.Join(",", tree.Members());
            if (pids.Length == 0) continue;
            var (_, output, _) = await RunAsync("perf", ["report", "-i", Data, "--stdio", "--no-children", "-g", "none", "--sort", "dso,sym", "--pid", pids, "--percentage", "absolute", "--percent-limit", "0.05"], ct);
            text.AppendLine($"===== {name} (pids {pids}): {Format(await ShareAsync(tree, ct))}% of the busy samples ({Format(await IdlePercentAsync(ct))}% of all found the cores idle); "
                + "the percentages below are of this resource's own samples").AppendLine(output);
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

    [GeneratedRegex(@"^\s*(?<children>[\d.]+)%\s+(?<self>[\d.]+)%\s+(?<samples>\d+)\s+(?<sym>.+)$")]
    private static partial Regex SymbolLine();
}
