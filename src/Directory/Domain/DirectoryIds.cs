using System.Text.RegularExpressions;

namespace Platform.Directory.Domain;

/// <summary>
/// How things are named in the directory. A school location is named by its BRIN number (two
/// digits, two letters) and its two-digit branch code (vestigingsnummer), as DUO does: 27DL00.
/// Organisations and other locations have readable slugs.
/// </summary>
public static partial class DirectoryIds
{
    public static bool IsSlug(string? id) => id is not null && Slug().IsMatch(id);

    public static bool IsBrin(string? brin) => brin is not null && Brin().IsMatch(brin);

    public static bool IsBranchCode(string? branch) => branch is not null && Branch().IsMatch(branch);

    public static bool IsMunicipalityCode(string? code) => code is not null && MunicipalityCode().IsMatch(code);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,99}$")]
    private static partial Regex Slug();

    [GeneratedRegex("^[0-9]{2}[A-Z]{2}$")]
    private static partial Regex Brin();

    [GeneratedRegex("^[0-9]{2}$")]
    private static partial Regex Branch();

    [GeneratedRegex("^GM[0-9]{4}$")]
    private static partial Regex MunicipalityCode();
}
