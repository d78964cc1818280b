namespace Platform.Attendance.Calendar;

/// <summary>
/// One school's calendar (RULES.md §1: "4 consecutive school weeks, holidays don't count"): the official school holidays of its
/// holiday region, the public holidays, and the school's own days off on top. A school day is a weekday on none of them; a
/// school week is a week (Monday to Sunday) with at least one school day, so a holiday week is skipped, a week with a public
/// holiday is not. Days of a school year without holiday data count as if there were no school holidays (docs/attendance.md).
/// </summary>
public sealed class SchoolCalendar(HolidayRegion region, SchoolHolidays holidays, IEnumerable<DateOnly> schoolDaysOff)
{
    private readonly List<SchoolHoliday> _holidays = [.. holidays.Of(region)];
    private readonly HashSet<DateOnly> _daysOff = [.. schoolDaysOff];

    public HolidayRegion Region { get; } = region;
    public SchoolHolidays Holidays { get; } = holidays;

    /// <summary>A calendar without any school holidays (weekends and public holidays only): for callers that know no school.</summary>
    public static SchoolCalendar WithoutSchoolHolidays { get; } = new(HolidayRegion.Zuid, new SchoolHolidays([], []), []);

    /// <summary>Why there is no school on this day (a school holiday, a public holiday, the school's own day off, the weekend), or null.</summary>
    public string? NoSchoolBecause(DateOnly day)
    {
        if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) return "weekend";
        foreach (var holiday in _holidays)
            if (holiday.Contains(day)) return holiday.Name;
        if (PublicHolidays.NameOf(day) is { } name) return name;
        return _daysOff.Contains(day) ? "school-day-off" : null;
    }

    public bool IsSchoolDay(DateOnly day) => NoSchoolBecause(day) is null;

    public bool IsSchoolHoliday(DateOnly day) => _holidays.Any(h => h.Contains(day));

    private static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>A week (Monday to Sunday) with at least one school day.</summary>
    public bool IsSchoolWeek(DateOnly anyDayOfTheWeek)
    {
        var monday = MondayOf(anyDayOfTheWeek);
        for (var i = 0; i < 5; i++)
            if (IsSchoolDay(monday.AddDays(i))) return true;
        return false;
    }

    /// <summary>
    /// The length of a span in school weeks, as days: the days from <paramref name="first"/> to <paramref name="last"/>, both
    /// counted, that lie in school weeks. More than 28 is more than 4 school weeks (RULES.md §1-2); a holiday week counts nothing.
    /// </summary>
    public int SchoolWeekDays(DateOnly first, DateOnly last)
    {
        var days = 0;
        for (var monday = MondayOf(first); monday <= last; monday = monday.AddDays(7))
        {
            if (!IsSchoolWeek(monday)) continue;
            var from = monday < first ? first : monday;
            var to = monday.AddDays(6) > last ? last : monday.AddDays(6);
            days += to.DayNumber - from.DayNumber + 1;
        }
        return days;
    }

    /// <summary>The school days from <paramref name="first"/> to <paramref name="last"/>, both counted (leave: RULES.md §1).</summary>
    public int SchoolDays(DateOnly first, DateOnly last)
    {
        var days = 0;
        for (var day = first; day <= last; day = day.AddDays(1))
            if (IsSchoolDay(day)) days++;
        return days;
    }

    /// <summary>Whether a school day lies strictly between the two days: none means absence on both is continuous.</summary>
    public bool AnySchoolDayBetween(DateOnly before, DateOnly after)
    {
        for (var day = before.AddDays(1); day < after; day = day.AddDays(1))
            if (IsSchoolDay(day)) return true;
        return false;
    }

    /// <summary>Werkdagen: Monday to Friday but the public holidays (school holidays are working days for the school's office).</summary>
    public static bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && PublicHolidays.NameOf(day) is null;

    /// <summary>The day <paramref name="count"/> working days after <paramref name="start"/> (start itself not counted).</summary>
    public static DateOnly AddWorkingDays(DateOnly start, int count)
    {
        var day = start;
        for (var added = 0; added < count;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) added++;
        }
        return day;
    }

    /// <summary>
    /// The first day of lessons of the school year <paramref name="day"/> lies in: the day after this region's summer holiday of
    /// that year; null when the holiday data has no such summer holiday.
    /// </summary>
    public DateOnly? FirstDayOfLessons(DateOnly day)
    {
        var year = SchoolHolidays.SchoolYearOf(day);
        return _holidays.Where(h => h.Name == "zomervakantie" && h.To.Year == year).Select(h => (DateOnly?)h.To.AddDays(1)).FirstOrDefault();
    }
}
