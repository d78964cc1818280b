namespace Platform.Attendance.Domain;

/// <summary>
/// Leerplicht and kwalificatieplicht (Leerplichtwet; RULES.md §1): compulsory from the first day of
/// the month after the 5th birthday; full leerplicht to the end of the school year in which the
/// child turns 16, then kwalificatieplicht until a startkwalificatie or age 18. Absence reports and
/// thuiszitter cases concern children inside that span.
/// </summary>
public static class CompulsorySchooling
{
    public static DateOnly StartsOn(DateOnly dateOfBirth)
    {
        var fifth = dateOfBirth.AddYears(5);
        return new DateOnly(fifth.Year, fifth.Month, 1).AddMonths(1);
    }

    /// <summary>The day before the 18th birthday is the last day of kwalificatieplicht by age.</summary>
    public static DateOnly EndsOn(DateOnly dateOfBirth) => dateOfBirth.AddYears(18).AddDays(-1);

    public static bool AppliesOn(DateOnly dateOfBirth, DateOnly day) => day >= StartsOn(dateOfBirth) && day <= EndsOn(dateOfBirth);

    /// <summary>The last day of the school year (31 July) that contains <paramref name="day"/>.</summary>
    public static DateOnly SchoolYearEnd(DateOnly day) => new(day.Month >= 8 ? day.Year + 1 : day.Year, 7, 31);
}
