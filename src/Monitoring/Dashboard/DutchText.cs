using Platform.Monitoring.Domain;

namespace Platform.Monitoring.Dashboard;

/// <summary>Dutch names for periods and dates, without depending on the machine's culture data.</summary>
internal static class DutchText
{
    private static readonly string[] Months =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    public static string Of(Period period) => period.Kind == PeriodKind.Month
        ? $"{Months[period.From.Month - 1]} {period.From.Year}"
        : $"schooljaar {period.From.Year}-{period.To.Year}";

    public static string Short(Period period) => period.Kind == PeriodKind.Month
        ? $"{Months[period.From.Month - 1][..3]} {period.From.Year % 100:00}"
        : $"{period.From.Year}-{period.To.Year % 100:00}";

    public static string Of(DateOnly day) => $"{day.Day} {Months[day.Month - 1]} {day.Year}";
}
