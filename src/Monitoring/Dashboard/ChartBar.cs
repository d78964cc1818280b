namespace Platform.Monitoring.Dashboard;

/// <summary>One bar or column of a chart: its label and the figure as shown (possibly "&lt;5").</summary>
public sealed record ChartBar(string Label, string Shown);
