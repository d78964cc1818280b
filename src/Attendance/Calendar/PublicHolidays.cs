namespace Platform.Attendance.Calendar;

/// <summary>
/// The public holidays schools observe, computed for any year (no list that ends): New Year's Day, Easter Monday, King's Day
/// (27 April, the 26th when the 27th is a Sunday), Liberation Day (5 May, every year as schools observe it), Ascension Day,
/// Whit Monday, Christmas Day and Boxing Day. Easter Sunday and Whit Sunday are Sundays anyway; Good Friday is not a public
/// holiday for schools (a school that closes records it as its own day off).
/// </summary>
public static class PublicHolidays
{
    /// <summary>Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>King's Day: 27 April, or Saturday 26 April when the 27th is a Sunday (Wet viering Koningsdag).</summary>
    public static DateOnly KingsDay(int year)
    {
        var day = new DateOnly(year, 4, 27);
        return day.DayOfWeek == DayOfWeek.Sunday ? day.AddDays(-1) : day;
    }

    public static IEnumerable<(DateOnly Day, string Name)> Of(int year)
    {
        var easter = EasterSunday(year);
        yield return (new DateOnly(year, 1, 1), "nieuwjaarsdag");
        yield return (easter, "eerste paasdag");
        yield return (easter.AddDays(1), "tweede paasdag");
        yield return (KingsDay(year), "koningsdag");
        yield return (new DateOnly(year, 5, 5), "bevrijdingsdag");
        yield return (easter.AddDays(39), "hemelvaartsdag");
        yield return (easter.AddDays(49), "eerste pinksterdag");
        yield return (easter.AddDays(50), "tweede pinksterdag");
        yield return (new DateOnly(year, 12, 25), "eerste kerstdag");
        yield return (new DateOnly(year, 12, 26), "tweede kerstdag");
    }

    public static string? NameOf(DateOnly day)
    {
        foreach (var (holiday, name) in Of(day.Year))
            if (holiday == day) return name;
        return null;
    }
}
