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

    /// <summary>
    /// The exemption renewal reminder (RULES.md §3: renewal before 1 July): month and day in the school year's last half-year,
    /// before 1 July; default 1 May.
    /// </summary>
    public int RenewalReminderMonth { get; set; } = 5;
    public int RenewalReminderDay { get; set; } = 1;

    /// <summary>
    /// RMC (RULES.md §1): reports of young people of 18 to 23 without a startkwalificatie go to the region's RMC contact
    /// municipality (a CBS code). Without it, RMC reports are refused.
    /// </summary>
    public string? RmcContactMunicipality { get; set; }

    /// <summary>The grey zone (RULES.md §2): a long-term sickness report's first review date, when the school gives none.</summary>
    public int SicknessReviewWeeks { get; set; } = 6;

    /// <summary>
    /// RULES.md §2: some regions count children who are partly ill but able to attend partly under a plan as thuiszitters
    /// (after more than 4 weeks at home). Off: they stay in the grey zone.
    /// </summary>
    public bool CountPartlyIllAsThuiszitters { get; set; }

    /// <summary>The renewal reminder date for the school year that ends in <paramref name="year"/> (before 1 July).</summary>
    public DateOnly RenewalReminderOn(int year) =>
        RenewalReminderMonth is >= 1 and <= 6 && RenewalReminderDay >= 1 && RenewalReminderDay <= DateTime.DaysInMonth(year, RenewalReminderMonth)
            ? new DateOnly(year, RenewalReminderMonth, RenewalReminderDay)
            : throw new InvalidOperationException("Attendance:RenewalReminderMonth/Day must be a day before 1 July (RULES.md §3).");

    /// <summary>
    /// The holiday region (noord, midden, zuid) of the region's schools: which of the Rijksoverheid's school holidays apply
    /// (RULES.md §1, school weeks). The demo region South Limburg is zuid.
    /// </summary>
    public string HolidayRegion { get; set; } = "zuid";

    /// <summary>Per school (its organisation id), a holiday region other than <see cref="HolidayRegion"/>.</summary>
    public Dictionary<string, string> SchoolHolidayRegions { get; set; } = [];

    /// <summary>A platform bound, not law: at most this many own days off a school records per school year.</summary>
    public int MaxSchoolDaysOffPerYear { get; set; } = 20;

    /// <summary>The thuiszitter and exemption deadline watchers (<c>Jobs/</c>); <c>Jobs:Enabled</c> switches every job.</summary>
    public bool DeadlineWatcherEnabled { get; set; } = true;
    public TimeSpan DeadlineCheckInterval { get; set; } = TimeSpan.FromSeconds(15);
}
