using Microsoft.Extensions.Primitives;

namespace Platform.Portal.Api;

/// <summary>A posted form's fields as the APIs take them: dates of a date input, optional texts, one row of repeated fields.</summary>
public static class FormValues
{
    /// <summary>A date input's value (<c>yyyy-MM-dd</c>), or null when empty or not a date (the API then names the field).</summary>
    public static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : null;

    /// <summary>Null for a field left empty.</summary>
    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>The <paramref name="i"/>th of a repeated field (rows of actions, support needs), or null past the last.</summary>
    public static string? At(StringValues values, int i) => i < values.Count ? values[i] : null;
}
