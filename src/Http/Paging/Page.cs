namespace Platform.Http.Paging;

/// <summary>
/// One page of a list: its items in the list's stable order, and Next, the link to the
/// following page (the same request with <c>cursor</c> set), or null on the last page. No list of the
/// platform is ever cut off silently: a client that follows <c>next</c> until it is null has it all.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
