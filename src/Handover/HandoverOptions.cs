namespace Platform.Handover;

/// <summary>The <c>Handover</c> section.</summary>
public sealed class HandoverOptions
{
    /// <summary>Off only for tests and tools that run <c>HandoverOverdueWatcher</c> themselves (or <c>Jobs:Enabled</c> for all jobs).</summary>
    public bool DeadlineWatcherEnabled { get; set; } = true;
    public TimeSpan DeadlineCheckInterval { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>The PO→VO school advice's legal dates (<c>Handover:SchoolAdvice</c>); the law's dates by default (RULES.md §7).</summary>
    public Domain.SchoolAdviceCalendar SchoolAdvice { get; set; } = new();
}
