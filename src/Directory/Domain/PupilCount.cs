using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Directory.Domain;

/// <summary>
/// Leerlingtelling: how many pupils a school location had on the count date of a school year
/// (DUO counts on 1 October). Reference data: the denominators of the monitor's percentages.
/// </summary>
public sealed class PupilCount
{
    public string LocationId { get; private set; } = "";
    public string SchoolYear { get; private set; } = "";
    public int Pupils { get; private set; }
    /// <summary>Where the figure comes from, e.g. "DUO 1 oktober 2026".</summary>
    public string Source { get; private set; } = "";
    public DateTimeOffset ImportedAt { get; private set; }

    private PupilCount() { }

    public PupilCount(string locationId, string schoolYear, int pupils, string source, DateTimeOffset importedAt) =>
        (LocationId, SchoolYear, Pupils, Source, ImportedAt) = (locationId, schoolYear, pupils, source, importedAt);
}

/// <summary>Schooljaar: 1 August to 31 July, written 2026-2027.</summary>
public static partial class SchoolYears
{
    public static bool IsSchoolYear(string? value)
    {
        if (value is null || !Pattern().IsMatch(value)) return false;
        var first = int.Parse(value[..4], CultureInfo.InvariantCulture);
        return int.Parse(value[5..], CultureInfo.InvariantCulture) == first + 1;
    }

    [GeneratedRegex("^[0-9]{4}-[0-9]{4}$")]
    private static partial Regex Pattern();
}
