using System.Globalization;

namespace Platform.Bench.Measure;

/// <summary>
/// CPU time and resident memory of a set of processes and all their descendants, from /proc.
/// Aspire starts projects through <c>dotnet run</c> and the servers through wrappers, so the
/// process that does the work is often a child or grandchild of the one Aspire knows.
/// </summary>
public sealed class ProcessTree(string name, IReadOnlyCollection<int> roots)
{
    /// <summary>Linux reports CPU time in clock ticks; 100 per second on every kernel we build on.</summary>
    private const double TicksPerSecond = 100;

    public string Name { get; } = name;
    public IReadOnlyCollection<int> Roots { get; } = roots;

    /// <summary>
    /// User + system CPU of every live process in the tree, plus the CPU of children that already
    /// exited and were reaped (PostgreSQL's backends), in milliseconds.
    /// </summary>
    public double CpuMilliseconds() => Members().Sum(pid => Stat(pid) is { } s ? s.Cpu : 0) * 1000 / TicksPerSecond;

    /// <summary>Sum of VmRSS of every process in the tree, in MiB.</summary>
    public double RssMiB() => Members().Sum(pid => Status(pid, "VmRSS:")) / 1024.0;

    /// <summary>
    /// Sum of RssAnon (private memory: heaps, stacks) of every process in the tree, in MiB: what grows when a process
    /// leaks. Unlike VmRSS it leaves out shared memory (PostgreSQL's shared buffers, counted as each backend touches
    /// them) and mapped files (code, which every new PostgreSQL backend maps again).
    /// </summary>
    public double AnonymousMiB() => Members().Sum(pid => Status(pid, "RssAnon:")) / 1024.0;

    public IReadOnlyList<int> Members()
    {
        if (!OperatingSystem.IsLinux()) return [];
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            if (Stat(pid) is not { } stat) continue;
            if (!children.TryGetValue(stat.Parent, out var list)) children[stat.Parent] = list = [];
            list.Add(pid);
        }
        var found = new List<int>();
        var todo = new Stack<int>(Roots.Where(p => System.IO.Directory.Exists($"/proc/{p}")));
        var seen = new HashSet<int>();
        while (todo.Count > 0)
        {
            var pid = todo.Pop();
            if (!seen.Add(pid)) continue;
            found.Add(pid);
            if (children.TryGetValue(pid, out var kids)) foreach (var kid in kids) todo.Push(kid);
        }
        return found;
    }

    private readonly record struct ProcStat(int Parent, long Cpu);

    private static ProcStat? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may hold spaces and parentheses: fields start after the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is field 3 (state): ppid is 4, utime 14, stime 15, cutime 16, cstime 17.
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            var cpu = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
                      + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            return new ProcStat(parent, cpu);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>A kB figure of /proc/&lt;pid&gt;/status; 0 for a process gone meanwhile.</summary>
    private static long Status(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith(field, StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException) { }
        return 0;
    }
}
