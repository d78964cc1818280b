using System.Text;

namespace Platform.Bench.Report;

/// <summary>The results as one markdown table with the run's facts, printed and written to bench/results/.</summary>
public static class MarkdownReport
{
    public static string Render(BenchReport report)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Benchmark results ({report.Profile} profile)").AppendLine();
        foreach (var (name, value) in report.Facts) text.AppendLine($"- **{name}**: {value}");
        text.AppendLine();
        text.AppendLine("| step | measure | value | vs machine limit | target | met? | CPU-ms/op | memory (RSS) |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in report.Rows)
            text.AppendLine($"| {r.Step} | {r.Measure} | {r.Value} | {r.Ratio} | {r.Target} | {(r.Met is { } met ? met ? "yes" : "**no**" : "")} | {(r.CpuMsPerRequest is { } cpu ? Format.N(cpu, 2) : "")} | {r.Memory} |");
        if (report.Notes.Count > 0)
        {
            text.AppendLine().AppendLine("Notes:").AppendLine();
            foreach (var note in report.Notes) text.AppendLine($"- {note}");
        }
        return text.ToString();
    }

    /// <summary>Writes the report to <c>results/&lt;utc-date&gt;-&lt;short-commit&gt;[-profile].md</c> under <paramref name="directory"/>.</summary>
    public static string Write(BenchReport report, string directory, string shortCommit)
    {
        System.IO.Directory.CreateDirectory(directory);
        var suffix = report.Profile == "full" ? "" : $"-{report.Profile}";
        var path = Path.Combine(directory, $"{DateTime.UtcNow:yyyy-MM-dd}-{shortCommit}{suffix}.md");
        File.WriteAllText(path, Render(report));
        return path;
    }
}
