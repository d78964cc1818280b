namespace Platform.Bench.Report;

/// <summary>One line of the results table.</summary>
public sealed record ResultRow(
    string Step,
    string Measure,
    string Value,
    string Ratio = "",
    string Target = "",
    bool? Met = null,
    double? CpuMsPerRequest = null,
    string Memory = "");

/// <summary>What one step did: how many operations completed and failed (what the CI smoke test checks).</summary>
public sealed record StepFigures(string Step, long Completed, long Failed);

/// <summary>Everything one run measured.</summary>
public sealed class BenchReport
{
    public required string Profile { get; init; }
    public List<ResultRow> Rows { get; } = [];
    public List<StepFigures> Steps { get; } = [];
    public List<string> Notes { get; } = [];
    public Dictionary<string, string> Facts { get; } = [];

    /// <summary>Longer texts written next to the results file as <c>&lt;results&gt;-&lt;name&gt;.txt</c> (the CPU profiles).</summary>
    public Dictionary<string, string> Attachments { get; } = [];

    public void Add(ResultRow row) => Rows.Add(row);
    public void Figures(string step, long completed, long failed) => Steps.Add(new StepFigures(step, completed, failed));
}
