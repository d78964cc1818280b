using System.Globalization;

namespace Platform.Directory.Import;

/// <summary>
/// Reads pupil counts from CSV: a header line, then a line per school location. The location is a
/// <c>locationId</c> column, or <c>brin</c> plus <c>vestiging</c>; the count a <c>pupils</c> column.
/// DUO's open-data names are accepted too (INSTELLINGSCODE, VESTIGINGSCODE, TOTAAL, LEERLINGEN, ...),
/// so a DUO file cut to the region imports as it is. Comma or semicolon, quotes allowed, other columns ignored.
/// </summary>
public static class PupilCountCsv
{
    public const int MaxLines = 20_000;
    public const int MaxPupils = 100_000;

    public sealed record Row(int Line, string LocationId, int Pupils);

    private static readonly string[] LocationColumns = ["locationid", "location_id", "vestiging_id"];
    private static readonly string[] BrinColumns = ["brin", "brin_nummer", "brinnummer", "instellingscode", "instellingscode_brin"];
    private static readonly string[] BranchColumns = ["branchcode", "branch_code", "vestiging", "vestigingscode", "vestigingsnummer"];
    private static readonly string[] PupilColumns = ["pupils", "leerlingen", "aantal_leerlingen", "totaal", "totaal_aantal_leerlingen", "totaal_leerlingen"];

    /// <summary>The rows, or the errors keyed by line (<c>lines[3].pupils</c>) for one problem response.</summary>
    public static (IReadOnlyList<Row> Rows, Dictionary<string, string[]> Errors) Parse(string text)
    {
        var errors = new Dictionary<string, string[]>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var header = lines.Length > 0 ? lines[0].TrimStart('\uFEFF') : "";
        if (header.Trim().Length == 0) return ([], new() { ["body"] = ["A header line first, e.g. brin,vestiging,pupils."] });
        var separator = header.Contains(';') ? ';' : ',';
        var columns = Split(header, separator).Select(c => c.Trim().ToLowerInvariant().Replace(' ', '_')).ToList();
        int Find(string[] names) => columns.FindIndex(names.Contains);
        var (location, brin, branch, pupils) = (Find(LocationColumns), Find(BrinColumns), Find(BranchColumns), Find(PupilColumns));
        if (pupils < 0) errors["body"] = ["No pupils column (pupils, leerlingen or totaal)."];
        else if (location < 0 && (brin < 0 || branch < 0)) errors["body"] = ["No locationId column, nor brin and vestiging columns."];
        if (errors.Count > 0) return ([], errors);
        if (lines.Length - 1 > MaxLines) return ([], new() { ["body"] = [$"At most {MaxLines} lines."] });

        var rows = new List<Row>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var cells = Split(lines[i], separator);
            string Cell(int index) => index >= 0 && index < cells.Count ? cells[index].Trim() : "";
            var id = location >= 0 ? Cell(location) : Cell(brin).ToUpperInvariant() + Cell(branch).PadLeft(2, '0');
            var key = $"lines[{i + 1}]";
            if (id.Length is 0 or > 100) { errors[$"{key}.location"] = ["No location on this line."]; continue; }
            if (!int.TryParse(Cell(pupils), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > MaxPupils)
            {
                errors[$"{key}.pupils"] = [$"A whole number of pupils from 0 to {MaxPupils}."];
                continue;
            }
            rows.Add(new Row(i + 1, id, count));
        }
        foreach (var duplicate in rows.GroupBy(r => r.LocationId).Where(g => g.Count() > 1))
            errors[$"lines[{duplicate.Last().Line}].location"] = [$"'{duplicate.Key}' appears more than once."];
        if (rows.Count == 0 && errors.Count == 0) errors["body"] = ["No lines after the header."];
        return (rows, errors);
    }

    /// <summary>Splits one line, honouring double quotes (a quote inside quotes is doubled).</summary>
    private static List<string> Split(string line, char separator)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == separator) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
