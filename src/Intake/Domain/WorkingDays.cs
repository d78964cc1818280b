namespace Platform.Intake.Domain;

/// <summary>
/// Werkdagen: Monday to Friday, minus the public holidays the region configures
/// (<c>Intake:PublicHolidays</c>). Deadlines such as the knooppunt's count in working days.
/// </summary>
public sealed class WorkingDays(IEnumerable<DateOnly> publicHolidays)
{
    private readonly HashSet<DateOnly> _holidays = [.. publicHolidays];

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);

    /// <summary>The day <paramref name="count"/> working days after <paramref name="start"/> (start itself not counted).</summary>
    public DateOnly Add(DateOnly start, int count)
    {
        var day = start;
        for (var added = 0; added < count;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) added++;
        }
        return day;
    }
}
