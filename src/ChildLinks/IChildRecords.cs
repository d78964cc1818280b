using System.Security.Claims;

namespace Platform.ChildLinks;

/// <summary>What one service says about its own records of a child, for linking (ADR-0015).</summary>
public interface IChildRecords
{
    /// <summary>The service's name in the link event: attendance, intake or handover.</summary>
    string Service { get; }

    /// <summary>
    /// Whether the caller holds a record of the child of <paramref name="reference"/> here that it may see today: only
    /// an organisation that has the child in its own records may link it (RULES.md §6, minimum data).
    /// </summary>
    Task<bool> HoldsAsync(ClaimsPrincipal caller, string reference, CancellationToken ct);

    /// <summary>
    /// Moves every record of <paramref name="from"/> to <paramref name="to"/>, in the caller's transaction. Where a
    /// record may exist once per child (an open case), one already open under <paramref name="to"/> wins and the
    /// other stays under <paramref name="from"/>: two open cases are not merged automatically (ADR-0015).
    /// </summary>
    Task RekeyAsync(string from, string to, CancellationToken ct);
}
