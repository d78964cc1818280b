using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Platform.Http.Paging;

/// <summary>
/// An opaque page cursor: the key values of the last item shown, as base64url JSON. It carries no
/// child data (sort keys are dates, statuses and record ids), so it may stand in a URL.
/// </summary>
public static class Cursor
{
    public static string Encode(params string[] keys) =>
        WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(keys));

    public static bool TryDecode(string cursor, out IReadOnlyList<string>? keys)
    {
        keys = null;
        if (cursor.Length is 0 or > 512) return false;
        try
        {
            var decoded = JsonSerializer.Deserialize<string[]>(WebEncoders.Base64UrlDecode(cursor));
            keys = decoded;
            return decoded is { Length: > 0 } && decoded.All(k => k is not null);
        }
        catch (Exception ex) when (ex is FormatException or JsonException) { keys = null; return false; }
    }

    /// <summary>A key read back as a date-time, or false (a cursor from another list).</summary>
    public static bool TryTime(this IReadOnlyList<string> keys, int index, out DateTimeOffset value)
    {
        value = default;
        return keys.Count > index && DateTimeOffset.TryParse(keys[index], System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.RoundtripKind, out value);
    }

    public static bool TryGuid(this IReadOnlyList<string> keys, int index, out Guid value)
    {
        value = default;
        return keys.Count > index && Guid.TryParse(keys[index], out value);
    }

    public static bool TryDate(this IReadOnlyList<string> keys, int index, out DateOnly value)
    {
        value = default;
        return keys.Count > index && DateOnly.TryParseExact(keys[index], "yyyy-MM-dd", out value);
    }

    public static string Key(DateTimeOffset value) => value.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
    public static string Key(DateOnly value) => value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    public static string Key(Guid value) => value.ToString();
}
