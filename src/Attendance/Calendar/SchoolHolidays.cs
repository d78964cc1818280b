using System.Reflection;
using System.Text.Json;

namespace Platform.Attendance.Calendar;

/// <summary>The three holiday regions of the Rijksoverheid's school holiday dates (RULES.md §1: holidays are not school weeks).</summary>
public enum HolidayRegion { Noord, Midden, Zuid }

public static class HolidayRegions
{
    public static readonly IReadOnlyDictionary<string, HolidayRegion> Names = new Dictionary<string, HolidayRegion>
    {
        ["noord"] = HolidayRegion.Noord,
        ["midden"] = HolidayRegion.Midden,
        ["zuid"] = HolidayRegion.Zuid,
    };

    public static string Name(this HolidayRegion region) => Names.First(n => n.Value == region).Key;

    public static HolidayRegion Parse(string? name, string setting) =>
        name is not null && Names.TryGetValue(name.Trim().ToLowerInvariant(), out var region) ? region
            : throw new InvalidOperationException($"{setting} must be noord, midden or zuid, not '{name}'.");
}

/// <summary>One school holiday of one region: from its first to its last day, both included.</summary>
public sealed record SchoolHoliday(string Name, HolidayRegion Region, DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly day) => day >= From && day <= To;
}

/// <summary>
/// The official school holidays per region and school year (the Rijksoverheid's published dates), one data file per school year in
/// <c>Calendar/Data/school-holidays-YYYY-YYYY.json</c>, embedded in the service. A region adds the next school year by adding its
/// file (same shape, with its source); <see cref="SchoolYearsKnown"/> then includes it.
/// </summary>
public sealed class SchoolHolidays
{
    public static readonly SchoolHolidays Official = Load();

    private readonly List<SchoolHoliday> _holidays;

    public SchoolHolidays(IEnumerable<SchoolHoliday> holidays, IEnumerable<int> schoolYearsKnown)
    {
        _holidays = [.. holidays.OrderBy(h => h.From)];
        SchoolYearsKnown = [.. schoolYearsKnown.Order()];
    }

    /// <summary>The school years with data, by the calendar year they start in (2025 = 2025-2026).</summary>
    public IReadOnlyList<int> SchoolYearsKnown { get; }

    /// <summary>Where each data file says its dates come from, by school year.</summary>
    public IReadOnlyDictionary<int, string> Sources { get; private init; } = new Dictionary<int, string>();

    public IEnumerable<SchoolHoliday> Of(HolidayRegion region) => _holidays.Where(h => h.Region == region);

    /// <summary>The school year a day belongs to, by the year it starts in: 1 August to 31 July (Leerplichtwet art. 1).</summary>
    public static int SchoolYearOf(DateOnly day) => day.Month >= 8 ? day.Year : day.Year - 1;

    public bool Knows(DateOnly day) => SchoolYearsKnown.Contains(SchoolYearOf(day));

    private static SchoolHolidays Load()
    {
        var assembly = typeof(SchoolHolidays).Assembly;
        var holidays = new List<SchoolHoliday>();
        var years = new List<int>();
        var sources = new Dictionary<int, string>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains("school-holidays-", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var json = JsonDocument.Parse(stream);
            var root = json.RootElement;
            var schoolYear = root.GetProperty("schoolYear").GetString()!;
            var start = int.Parse(schoolYear[..4], System.Globalization.CultureInfo.InvariantCulture);
            years.Add(start);
            sources[start] = root.GetProperty("source").GetString() ?? throw new InvalidOperationException($"{name}: a source is required.");
            foreach (var holiday in root.GetProperty("holidays").EnumerateArray())
            {
                var holidayName = holiday.GetProperty("name").GetString()!;
                foreach (var (regionName, region) in HolidayRegions.Names)
                {
                    var span = holiday.GetProperty(regionName);
                    var from = DateOnly.Parse(span[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                    var to = DateOnly.Parse(span[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                    if (to < from || SchoolYearOf(from) != start && holidayName != "zomervakantie")
                        throw new InvalidOperationException($"{name}: {holidayName} {regionName} does not lie in school year {schoolYear}.");
                    holidays.Add(new SchoolHoliday(holidayName, region, from, to));
                }
            }
        }
        return new SchoolHolidays(holidays, years) { Sources = sources };
    }
}
