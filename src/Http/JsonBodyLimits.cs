using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Platform.Http;

/// <summary>
/// What no request body of the platform ever needs, checked on the raw JSON before it is bound, so
/// every service refuses it the same way and names the field: a text longer than
/// <see cref="MaxStringLength"/> characters, control characters in a text (other than tab and line
/// breaks, which PostgreSQL would also refuse as NUL), escapes that are no character, a list longer than
/// <see cref="MaxListLength"/> or with a null item,
/// and a date outside <see cref="FirstYear"/>–<see cref="LastYear"/> (a child born in the year 1 or an
/// arrangement ending in 9999 is a typing error, and would break date arithmetic and indexes).
/// Field-specific limits (a name's length, a period's end) stay in each service's validation.
/// </summary>
public static class JsonBodyLimits
{
    public const int MaxStringLength = 20_000;
    public const int MaxListLength = 1_000;
    public const int FirstYear = 1900;
    public const int LastYear = 2199;

    /// <summary>The first breach as (field, message), or null when the body keeps within the limits.</summary>
    /// <exception cref="JsonException">The body is not well-formed JSON.</exception>
    public static (string Field, string Message)? Check(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 32 });
        var path = new List<string>();
        var counts = new Stack<int>();
        string? pendingName = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    if (StringBreach(ref reader) is { } badName) return (Field(path), $"A property name: {badName}");
                    pendingName = reader.GetString();
                    continue;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    Enter(ref pendingName, path, counts);
                    if (TooLong(counts)) return (Field(path[..^1]), $"A list holds at most {MaxListLength} items.");
                    if (reader.TokenType == JsonTokenType.StartArray) counts.Push(0);
                    else counts.Push(-1);
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    counts.Pop();
                    if (path.Count > 0) path.RemoveAt(path.Count - 1);
                    continue;
            }
            Enter(ref pendingName, path, counts);
            if (TooLong(counts))
                return (Field(path[..^1]), $"A list holds at most {MaxListLength} items.");
            if (reader.TokenType == JsonTokenType.Null && counts.Count > 0 && counts.Peek() >= 0)
                return (Field(path), "A list holds no empty (null) items.");
            if (reader.TokenType == JsonTokenType.String && StringBreach(ref reader) is { } message)
                return (Field(path), message);
            path.RemoveAt(path.Count - 1);
        }
        return null;
    }

    private static void Enter(ref string? pendingName, List<string> path, Stack<int> counts)
    {
        if (pendingName is not null) { path.Add(pendingName); pendingName = null; return; }
        if (counts.Count == 0) { path.Add(""); return; }
        var index = counts.Pop() + 1;
        counts.Push(index);
        path.Add($"[{index - 1}]");
    }

    private static bool TooLong(Stack<int> counts) => counts.Count > 0 && counts.Peek() > MaxListLength;

    private static string? StringBreach(ref Utf8JsonReader reader)
    {
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escape such as \ud800 that is no character at all.
            return "Not valid text (a lone surrogate escape).";
        }
        if (text.Length > MaxStringLength) return $"At most {MaxStringLength} characters.";
        foreach (var c in text)
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) return "Control characters are not allowed.";
        // An ISO date or date-time: yyyy-MM-dd at the start.
        if (text.Length >= 10 && text[4] == '-' && text[7] == '-' && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[3])
            && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && (year < FirstYear || year > LastYear))
            return $"Dates run from {FirstYear} to {LastYear}.";
        return null;
    }

    private static string Field(IEnumerable<string> path)
    {
        var text = new StringBuilder();
        foreach (var part in path.Where(p => p.Length > 0))
        {
            if (text.Length > 0 && !part.StartsWith('[')) text.Append('.');
            text.Append(part);
        }
        return text.Length == 0 ? "body" : text.ToString();
    }
}
