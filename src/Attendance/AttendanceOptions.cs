namespace Platform.Attendance;

/// <summary>Deadlines and regional agreements (RULES.md §2-3; the pact and the SWV advice are not statutory).</summary>
public sealed class AttendanceOptions
{
    /// <summary>A plan with a suitable offer is due this many weeks after registration.</summary>
    public int PlanDueWeeks { get; set; } = 4;

    /// <summary>Thuiszitterspact: no child longer than this at home without a suitable offer; then the actietafel.</summary>
    public int EscalationMonths { get; set; } = 3;

    /// <summary>Whether a 5 sub a exemption needs the SWV's advice (a regional agreement; on for the demo region).</summary>
    public bool SwvAdviceRequiredFor5a { get; set; } = true;

    /// <summary>The thuiszitter and exemption deadline watchers (<c>Jobs/</c>); <c>Jobs:Enabled</c> switches every job.</summary>
    public bool DeadlineWatcherEnabled { get; set; } = true;
    public TimeSpan DeadlineCheckInterval { get; set; } = TimeSpan.FromSeconds(15);
}
