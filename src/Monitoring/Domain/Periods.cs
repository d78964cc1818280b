using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Monitoring.Domain;

/// <summary>Reporting periods: calendar months in Dutch local time (a referral at 23:30 on 31 Jan counts in January).</summary>
public static partial class Periods
{
    private static readonly TimeZoneInfo Netherlands = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static string MonthOf(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, Netherlands).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static bool IsMonth(string? value) => value is not null && Month().IsMatch(value);

    [GeneratedRegex("^[0-9]{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex Month();
}
