namespace Platform.Attendance.Domain;

/// <summary>
/// A school's own extra day off (a study day, a margin day) on top of the official school holidays and public holidays: no
/// school day, so it counts for no leave and no absence (RULES.md §1). Recorded by the school itself, ahead of time.
/// </summary>
public sealed class SchoolDayOff
{
    public Guid Id { get; private set; }
    public string SchoolOrganisationId { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    private SchoolDayOff() { }

    public SchoolDayOff(string school, DateOnly date, string reason, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        SchoolOrganisationId = school;
        Date = date;
        Reason = reason;
        RecordedAt = now;
    }
}
