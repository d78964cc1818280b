using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Monitoring.Domain;

public enum PeriodKind { Month, SchoolYear }

/// <summary>
/// A reporting period: a calendar month (2026-11) or a school year (2026-2027, 1 August to 31 July).
/// Dates are Dutch dates: an event at 23:30 on 31 January in Amsterdam counts in January.
/// </summary>
public sealed partial record Period(string Id, PeriodKind Kind, DateOnly From, DateOnly To)
{
    private static readonly TimeZoneInfo Netherlands = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateOnly DutchDate(DateTimeOffset moment) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, Netherlands).DateTime);

    public static Period Month(int year, int month)
    {
        var from = new DateOnly(year, month, 1);
        return new Period(from.ToString("yyyy-MM", CultureInfo.InvariantCulture), PeriodKind.Month, from, from.AddMonths(1).AddDays(-1));
    }

    public static Period MonthOf(DateOnly day) => Month(day.Year, day.Month);

    /// <summary>The school year starting on 1 August of <paramref name="firstYear"/>.</summary>
    public static Period SchoolYear(int firstYear) => new($"{firstYear}-{firstYear + 1}", PeriodKind.SchoolYear,
        new DateOnly(firstYear, 8, 1), new DateOnly(firstYear + 1, 7, 31));

    public static Period SchoolYearOf(DateOnly day) => SchoolYear(day.Month >= 8 ? day.Year : day.Year - 1);

    /// <summary>
    /// The years a period may lie in: the platform's date range (1900-2199, as for every date it
    /// accepts). Outside it a period is not a question anyone asks, and the year 1 or 9999 would run
    /// the trend months off the calendar: a 400, not a 500.
    /// </summary>
    public const int FirstYear = 1900, LastYear = 2199;

    public const string Expected = "A month as yyyy-MM (2026-11) or a school year as yyyy-yyyy (2026-2027), in the years 1900-2199.";

    public static bool TryParse(string? text, out Period period)
    {
        period = null!;
        if (text is null) return false;
        if (MonthPattern().Match(text) is { Success: true } m)
        {
            var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            if (year is < FirstYear or > LastYear) return false;
            period = Month(year, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
            return true;
        }
        if (YearPattern().Match(text) is { Success: true } y)
        {
            var first = int.Parse(y.Groups[1].Value, CultureInfo.InvariantCulture);
            if (first is < FirstYear or >= LastYear) return false;
            if (int.Parse(y.Groups[2].Value, CultureInfo.InvariantCulture) != first + 1) return false;
            period = SchoolYear(first);
            return true;
        }
        return false;
    }

    public bool Contains(DateOnly day) => From <= day && day <= To;

    /// <summary>
    /// Whether the period's figures are published: only once it has ended (its last day is before today).
    /// A running period's figures change with every event, and two polls an hour apart would show one
    /// child at a time coming in (docs/monitoring.md, "Publication"; ADR-0014).
    /// </summary>
    public bool IsClosedOn(DateOnly today) => To < today;

    /// <summary>The month before today's: the latest period whose figures are published.</summary>
    public static Period LastClosedMonth(DateOnly today) => MonthOf(new DateOnly(today.Year, today.Month, 1).AddDays(-1));

    /// <summary>Where a stock (open cases, active arrangements) is measured: the period's last day, or today while it runs.</summary>
    public DateOnly ReferenceDate(DateOnly today) => To < today ? To : (From > today ? From : today);

    /// <summary>The school year whose pupil counts are this period's denominators.</summary>
    public string SchoolYearId => Kind == PeriodKind.SchoolYear ? Id : SchoolYearOf(From).Id;

    /// <summary>The <paramref name="count"/> months ending with this period's last month, oldest first (for trends).</summary>
    public IReadOnlyList<Period> MonthsUpTo(int count) =>
        [.. Enumerable.Range(0, count).Select(i => MonthOf(To.AddMonths(-(count - 1 - i))))];

    [GeneratedRegex("^([0-9]{4})-(0[1-9]|1[0-2])$")]
    private static partial Regex MonthPattern();

    [GeneratedRegex("^([0-9]{4})-([0-9]{4})$")]
    private static partial Regex YearPattern();
}
