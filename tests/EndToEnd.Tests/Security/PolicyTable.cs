namespace Platform.EndToEnd.Tests.Security;

/// <summary>
/// The written policy: the table between the policy-table markers in docs/security.md, one row per
/// endpoint, one column per organisation type, each cell the answer that organisation gets.
/// </summary>
internal sealed record PolicyTable(IReadOnlyList<string> Columns, IReadOnlyDictionary<string, IReadOnlyList<string>> Rows)
{
    public const string Start = "<!-- policy-table:start -->";
    public const string End = "<!-- policy-table:end -->";

    public static PolicyTable Read()
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "docs", "security.md"));
        var from = text.IndexOf(Start, StringComparison.Ordinal);
        var to = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, "docs/security.md holds the policy table between its markers.");
        var lines = text[(from + Start.Length)..to].Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('|')).ToList();
        static string[] Cells(string line) => [.. line.Trim('|').Split('|').Select(c => c.Trim().Trim('`'))];
        var header = Cells(lines[0]);
        var rows = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var line in lines.Skip(2))
        {
            var cells = Cells(line);
            Assert.True(cells.Length == header.Length, $"Policy row '{line}' has {cells.Length} cells, the header {header.Length}.");
            Assert.True(rows.TryAdd(cells[0], cells[1..]), $"Policy row '{cells[0]}' appears twice.");
        }
        return new PolicyTable(header[1..], rows);
    }
}

internal static class Repository
{
    /// <summary>The checkout the tests were built from: where Platform.sln is.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
        throw new InvalidOperationException("Platform.sln not found above the test's folder.");
    }
}
