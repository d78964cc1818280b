namespace Platform.Intake;

/// <summary>Regional agreements, not law: each region sets its own (RULES.md).</summary>
public sealed class IntakeOptions
{
    /// <summary>Working days from the case opening within which the knooppunt is held.</summary>
    public int KnooppuntWorkingDays { get; set; } = 10;

    /// <summary>Days that are not working days besides weekends.</summary>
    public List<DateOnly> PublicHolidays { get; set; } = [];

    /// <summary>Off only for tests and tools that run <c>KnooppuntDeadlineWatcher.CheckAsync</c> themselves (<c>Jobs:Enabled</c> switches every job).</summary>
    public bool DeadlineWatcherEnabled { get; set; } = true;

    /// <summary>How often the knooppunt deadline watcher looks.</summary>
    public TimeSpan DeadlineCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Limits on recording consent (<c>Intake:Consent:MaxBackdatingDays</c>, <c>MaxAuthorityCheckAgeDays</c>).</summary>
    public Domain.Consents.ConsentOptions Consent { get; set; } = new();
}
