namespace Platform.Attendance.Apis;

/// <summary>
/// What the lists of this API say about <c>?limit=</c> and <c>?cursor=</c> (the shared
/// <see cref="Platform.Http.Paging.PageRequest"/>), and the refusal of a cursor whose keys are not
/// this list's: it came from another list or was made up, and would page from a wrong place.
/// </summary>
internal static class ListPaging
{
    public const string LimitDescription = "How many items a page holds: 1 to 200, 50 when not given.";
    public const string CursorDescription = "Where the previous page ended. Do not make one: follow the previous page's 'next' link as it is.";
    public const string ForeignCursor = "Not a cursor this list gave out: follow the 'next' link as it is.";
}
