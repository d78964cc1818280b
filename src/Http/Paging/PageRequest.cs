using Microsoft.AspNetCore.Http;

namespace Platform.Http.Paging;

/// <summary>
/// <c>?limit=</c> and <c>?cursor=</c> of a list request, checked. The cursor is opaque to clients:
/// the sort key and id of the last item of the previous page (keyset paging, so a page never
/// shifts when records are added before it).
/// </summary>
public sealed record PageRequest(int Limit, IReadOnlyList<string>? After)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>The words every list's document says about <c>limit</c>.</summary>
    public const string LimitDescription = "How many items a page holds: 1 to 200, 50 when not given.";

    /// <summary>The words every list's document says about <c>cursor</c>.</summary>
    public const string CursorDescription = "Where the previous page ended. Do not make one: follow the previous page's 'next' link as it is.";

    /// <summary>The refusal of a cursor that does not decode, or whose keys are not the list's (made up, or from another list).</summary>
    public const string ForeignCursor = "Not a cursor this list gave out: follow the 'next' link as it is.";

    /// <summary>Reads the two parameters; errors go to <paramref name="v"/> under <c>limit</c> and <c>cursor</c>.</summary>
    public static PageRequest Read(int? limit, string? cursor, Validation v)
    {
        if (limit is < 1 or > MaxLimit) v.Add("limit", $"From 1 to {MaxLimit}.");
        IReadOnlyList<string>? after = null;
        if (cursor is not null && !Cursor.TryDecode(cursor, out after)) v.Add("cursor", ForeignCursor);
        return new PageRequest(Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit), after);
    }

    /// <summary>
    /// Makes the page from up to <see cref="Limit"/> + 1 rows read in the list's order: the extra row
    /// only says that there is more. <paramref name="keyOf"/> gives the sort key and id of a row.
    /// </summary>
    public Page<TOut> PageOf<TRow, TOut>(IReadOnlyList<TRow> rows, Func<TRow, TOut> map, Func<TRow, string[]> keyOf, HttpRequest request)
    {
        var more = rows.Count > Limit;
        var shown = more ? rows.Take(Limit).ToList() : rows;
        var next = more ? NextLink(request, Cursor.Encode(keyOf(shown[^1]))) : null;
        return new Page<TOut>([.. shown.Select(map)], next);
    }

    /// <summary>
    /// The time and id of the last item of the previous page, for a list in (time, id) order; null for
    /// the first page. A cursor that holds something else is a 400 on <c>cursor</c>.
    /// </summary>
    public (DateTimeOffset At, Guid Id)? AfterTimeAndId(Validation v)
    {
        if (After is not { } keys) return null;
        if (keys.Count == 2 && keys.TryTime(0, out var at) && keys.TryGuid(1, out var id)) return (at, id);
        v.Add("cursor", ForeignCursor);
        return null;
    }

    /// <summary>The cursor keys of an item of a list in (time, id) order.</summary>
    public static string[] TimeAndId(DateTimeOffset at, Guid id) => [Cursor.Key(at), Cursor.Key(id)];

    /// <summary>The same path and query, with <c>cursor</c> set to the given one (relative to the host).</summary>
    public static string NextLink(HttpRequest request, string cursor)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(q => !string.Equals(q.Key, "cursor", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(value => new KeyValuePair<string, string>(q.Key, value ?? "")))
            .Append(new KeyValuePair<string, string>("cursor", cursor));
        return $"{request.PathBase}{request.Path}{new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(query).ToQueryString()}";
    }
}
