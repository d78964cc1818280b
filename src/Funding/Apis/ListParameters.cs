using Platform.Http.Paging;

namespace Platform.Funding.Apis;

/// <summary>
/// What the lists of this service share: the words for <c>limit</c> and <c>cursor</c> in the OpenAPI
/// document, and reading back a cursor of a list ordered by a time and the record id.
/// </summary>
internal static class ListParameters
{
    public const string LimitText = "How many items a page holds: 1 to 200, 50 when not given.";
    public const string CursorText = "Where the previous page ended. Do not make one: follow the previous page's 'next' link as it is.";
    public const string NotThisList = "Not a cursor this list gave out: follow the 'next' link as it is.";

    /// <summary>
    /// The time and id of the last item of the previous page, for a list in (time, id) order; null for
    /// the first page. A cursor that holds something else is a 400 on <c>cursor</c>.
    /// </summary>
    public static (DateTimeOffset At, Guid Id)? AfterTimeAndId(this PageRequest page, Validation v)
    {
        if (page.After is not { } keys) return null;
        if (keys.Count == 2 && keys.TryTime(0, out var at) && keys.TryGuid(1, out var id)) return (at, id);
        v.Add("cursor", NotThisList);
        return null;
    }

    public static string[] TimeAndId(DateTimeOffset at, Guid id) => [Cursor.Key(at), Cursor.Key(id)];
}
