using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Platform.EndToEnd.Tests.Security;

/// <summary>One hostile request body and what was done to make it.</summary>
internal sealed record HostileBody(string What, string Text);

/// <summary>
/// Bodies no service may accept: malformed JSON, and a valid body with one value at a time replaced by
/// a wrong type, an overlong string, an unknown enum value, an invalid BSN, an extreme date or number.
/// </summary>
internal static partial class HostileBodies
{
    /// <summary>Field names whose values come from a closed list (the services' wire names).</summary>
    private static readonly HashSet<string> Enumerated =
    [
        "kind", "urgency", "domain", "supportDomains", "switchMoment", "channels", "eventTypes", "givenBy", "purposes",
        "part", "article", "servesMunicipalities", "homeMunicipality", "role", "funderId",
        "locationId", "schoolLocationId", "receivingLocationId", "receivingOrganisationId", "participants", "organisations",
        "organisationId", "municipality", "swv", "subRegion", "period",
    ];

    public static readonly IReadOnlyList<HostileBody> Malformed =
    [
        new("not JSON", "this is not json"),
        new("truncated JSON", "{\"child\": {\"bsn\": \"1112"),
        new("an array for the body", "[]"),
        new("null for the body", "null"),
        new("a string for the body", "\"text\""),
        new("a trailing comma", "{\"a\": 1,}"),
        new("a duplicate property", "{\"a\": 1, \"a\": 2}"),
        new("deep nesting", string.Concat(Enumerable.Repeat("[", 5000)) + string.Concat(Enumerable.Repeat("]", 5000))),
        new("an invalid UTF-8 escape", "{\"a\": \"\\ud800\"}"),
    ];

    /// <summary>Every mutation of every value in <paramref name="valid"/>, one value at a time.</summary>
    public static IEnumerable<HostileBody> Mutations(JsonObject valid)
    {
        foreach (var (path, value) in Leaves(valid, ""))
            foreach (var (what, replacement) in For(path, value))
            {
                var copy = valid.DeepClone().AsObject();
                Replace(copy, path, replacement);
                yield return new HostileBody($"{path}: {what}", copy.ToJsonString());
            }
    }

    /// <summary>Mutations of the properties a schema declares, on an otherwise empty body (for operations without a sample).</summary>
    public static IEnumerable<HostileBody> FromSchema(JsonElement document, JsonElement schema)
    {
        schema = ApiSurface.Resolve(document, schema);
        if (!schema.TryGetProperty("properties", out var properties)) yield break;
        foreach (var property in properties.EnumerateObject())
        {
            var declared = ApiSurface.Resolve(document, property.Value);
            var type = declared.TryGetProperty("type", out var t) ? t.ToString() : "object";
            var format = declared.TryGetProperty("format", out var f) ? f.GetString() : null;
            JsonNode sample = type switch
            {
                _ when type.Contains("integer") || type.Contains("number") => JsonValue.Create(1),
                _ when type.Contains("boolean") => JsonValue.Create(true),
                _ when type.Contains("array") => new JsonArray("x"),
                _ when type.Contains("string") && format == "date" => JsonValue.Create("2026-12-01"),
                _ when type.Contains("string") => JsonValue.Create("x"),
                _ => new JsonObject(),
            };
            foreach (var (what, replacement) in For(property.Name, sample))
                yield return new HostileBody($"{property.Name}: {what}", new JsonObject { [property.Name] = replacement }.ToJsonString());
        }
    }

    private static IEnumerable<(string What, JsonNode? Value)> For(string path, JsonNode? value)
    {
        var name = path.Split('.').Last().Split('[')[0];
        switch (value)
        {
            case JsonValue v when v.TryGetValue<string>(out var text):
                yield return ("a number for a string", 12345);
                yield return ("an object for a string", new JsonObject { ["x"] = 1 });
                yield return ("an overlong string", new string('x', 100_000));
                yield return ("control characters", "\u0000\u0001\u001b[2J");
                if (name == "bsn")
                {
                    yield return ("a BSN failing the 11-proof", "123456788");
                    yield return ("a BSN of 8 digits", "12345678");
                    yield return ("a BSN with letters", "12345678a");
                    yield return ("all zeros", "000000000");
                }
                if (Enumerated.Contains(name)) yield return ("an unknown value", "no-such-value");
                if (IsoDate().IsMatch(text))
                {
                    yield return ("the year 1", "0001-01-01");
                    yield return ("the year 9999", "9999-12-31");
                    yield return ("30 February", "2026-02-30");
                    yield return ("month 13", "2026-13-01");
                    yield return ("a date in words", "yesterday");
                }
                break;
            case JsonValue v when v.TryGetValue<bool>(out _):
                yield return ("a string for a boolean", "yes");
                yield return ("a number for a boolean", 1);
                break;
            case JsonValue:
                yield return ("a negative number", -1);
                yield return ("a huge number", JsonNode.Parse("1e308"));
                yield return ("beyond a 64-bit integer", JsonNode.Parse("9223372036854775808"));
                yield return ("a fraction", 1.5);
                yield return ("a string for a number", "12");
                yield return ("NaN as text", "NaN");
                break;
            case JsonArray a:
                yield return ("a string for a list", "x");
                if (a.Count > 0) yield return ("a 5000-long list", new JsonArray([.. Enumerable.Range(0, 5000).Select(_ => a[0]!.DeepClone())]));
                yield return ("a list with null in it", new JsonArray((JsonNode?)null));
                break;
            case JsonObject:
                yield return ("a string for an object", "x");
                yield return ("a list for an object", new JsonArray());
                break;
        }
    }

    private static IEnumerable<(string Path, JsonNode? Value)> Leaves(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                if (path != "") yield return (path, node);
                foreach (var (name, child) in o)
                    foreach (var leaf in Leaves(child, path == "" ? name : $"{path}.{name}")) yield return leaf;
                break;
            case JsonArray a:
                yield return (path, node);
                if (a.Count > 0)
                    foreach (var leaf in Leaves(a[0], $"{path}[0]")) yield return leaf;
                break;
            default:
                yield return (path, node);
                break;
        }
    }

    private static void Replace(JsonObject root, string path, JsonNode? value)
    {
        JsonNode parent = root;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var (name, index) = Part(parts[i]);
            var last = i == parts.Length - 1;
            if (index is null)
            {
                if (last) { parent.AsObject()[name] = value; return; }
                parent = parent[name]!;
            }
            else
            {
                var list = parent[name]!.AsArray();
                if (last) { list[index.Value] = value; return; }
                parent = list[index.Value]!;
            }
        }
    }

    private static (string Name, int? Index) Part(string part)
    {
        var bracket = part.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? (part, null) : (part[..bracket], int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();
}
