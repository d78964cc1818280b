using System.Globalization;
using CsvHelper;

namespace Platform.Directory.Import;

/// <summary>
/// Reads pupil counts from CSV: a header line, then a line per school location. The location is a
/// <c>locationId</c> column, or <c>brin</c> plus <c>vestiging</c>; the count a <c>pupils</c> column.
/// DUO's open-data names are accepted too (INSTELLINGSCODE, VESTIGINGSCODE, TOTAAL, LEERLINGEN, ...),
/// so a DUO file cut to the region imports as it is. Comma or semicolon, other columns ignored.
/// Quoting is RFC 4180's (CsvHelper): a quoted field may hold the separator, doubled quotes and line breaks.
/// </summary>
public static class PupilCountCsv
{
    public const int MaxLines = 20_000;
    public const int MaxPupils = 100_000;

    /// <summary>A location's count; <paramref name="Line"/> is the file's line the record starts on (1 is the header).</summary>
    public sealed record Row(int Line, string LocationId, int Pupils);

    private static readonly string[] LocationColumns = ["locationid", "location_id", "vestiging_id"];
    private static readonly string[] BrinColumns = ["brin", "brin_nummer", "brinnummer", "instellingscode", "instellingscode_brin"];
    private static readonly string[] BranchColumns = ["branchcode", "branch_code", "vestiging", "vestigingscode", "vestigingsnummer"];
    private static readonly string[] PupilColumns = ["pupils", "leerlingen", "aantal_leerlingen", "totaal", "totaal_aantal_leerlingen", "totaal_leerlingen"];

    /// <summary>The rows, or the errors keyed by line (<c>lines[3].pupils</c>) for one problem response.</summary>
    public static (IReadOnlyList<Row> Rows, Dictionary<string, string[]> Errors) Parse(string text)
    {
        var header = FirstLine(text).TrimStart('\uFEFF');
        if (header.Trim().Length == 0) return ([], new() { ["body"] = ["A header line first, e.g. brin,vestiging,pupils."] });

        long unclosedQuoteLine = 0;
        using var csv = CsvReader.FromText(text, CsvReaderOptions.Default with
        {
            // Chosen from the header as before, not detected: a tab or '|' in a name must not become the separator.
            Separator = header.Contains(';') ? ';' : ',',
            // Errors name the line in the file, counting line breaks inside quoted fields.
            TrackLineNumbers = true,
            // Stray quotes in an unquoted field are kept as text (a name column is ignored anyway), but a quote
            // never closed would silently take the rest of the file into one field: that line is reported instead.
            OnMalformedRecord = m => { if (m.Reason == CsvMalformedReason.UnterminatedQuote) unclosedQuoteLine = m.LineNumber; },
        });

        var errors = new Dictionary<string, string[]>();
        var columns = csv.Headers.Select(c => c.Trim().ToLowerInvariant().Replace(' ', '_')).ToList();
        int Find(string[] names) => columns.FindIndex(names.Contains);
        var (location, brin, branch, pupils) = (Find(LocationColumns), Find(BrinColumns), Find(BranchColumns), Find(PupilColumns));
        if (pupils < 0) errors["body"] = ["No pupils column (pupils, leerlingen or totaal)."];
        else if (location < 0 && (brin < 0 || branch < 0)) errors["body"] = ["No locationId column, nor brin and vestiging columns."];
        if (errors.Count > 0) return ([], errors);
        if (LinesAfterHeader(text) > MaxLines) return ([], new() { ["body"] = [$"At most {MaxLines} lines."] });

        var rows = new List<Row>();
        while (csv.Read())
        {
            var line = (int)csv.LineNumber;
            var key = $"lines[{line}]";
            if (line == unclosedQuoteLine) { errors[key] = ["A quoted field is not closed: a quote is missing on this line or after it."]; continue; }
            // A line of spaces is as blank as an empty one (which the reader skips itself).
            if (csv.Current.ToString().Trim().Length == 0) continue;
            // A short line reads its missing cells as empty, which the checks below report.
            string Cell(int index) => index >= 0 ? csv.GetString(index).Trim() : "";
            var id = location >= 0 ? Cell(location) : Cell(brin).ToUpperInvariant() + Cell(branch).PadLeft(2, '0');
            if (id.Length is 0 or > 100) { errors[$"{key}.location"] = ["No location on this line."]; continue; }
            if (!int.TryParse(Cell(pupils), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > MaxPupils)
            {
                errors[$"{key}.pupils"] = [$"A whole number of pupils from 0 to {MaxPupils}."];
                continue;
            }
            rows.Add(new Row(line, id, count));
        }
        foreach (var duplicate in rows.GroupBy(r => r.LocationId).Where(g => g.Count() > 1))
            errors[$"lines[{duplicate.Last().Line}].location"] = [$"'{duplicate.Key}' appears more than once."];
        if (rows.Count == 0 && errors.Count == 0) errors["body"] = ["No lines after the header."];
        return (rows, errors);
    }

    private static string FirstLine(string text) => text.IndexOfAny(['\r', '\n']) is var end and >= 0 ? text[..end] : text;

    /// <summary>Line breaks (CRLF, LF or CR, as the reader takes them) after the header; trailing ones end lines rather than start them.</summary>
    private static int LinesAfterHeader(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n').TrimEnd('\n').AsSpan().Count('\n');
}
