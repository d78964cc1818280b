namespace Platform.Handover.Domain;

/// <summary>
/// Schooladvies levels, lowest first: the Dutch scale from praktijkonderwijs to vwo, each combined advice
/// (two adjacent levels, e.g. <c>vmbo-gt/havo</c>) between its two levels. Only adjacent levels combine, so the
/// scale is a total order and "higher" is simply a higher rank: <c>havo</c> is higher than <c>vmbo-gt/havo</c>,
/// which is higher than <c>vmbo-gt</c>.
/// </summary>
public static class AdviceLevels
{
    private static readonly string[] Ordered =
        ["pro", "vmbo-b", "vmbo-b/k", "vmbo-k", "vmbo-k/gt", "vmbo-gt", "vmbo-gt/havo", "havo", "havo/vwo", "vwo"];

    public static IReadOnlyList<string> Scale => Ordered;

    public static bool IsLevel(string? level) => level is not null && Array.IndexOf(Ordered, level) >= 0;

    /// <summary>The place on the scale; higher is a higher advice.</summary>
    public static int Rank(string level) => Array.IndexOf(Ordered, level) is >= 0 and var rank
        ? rank : throw new ArgumentOutOfRangeException(nameof(level), level, "Not an advice level.");
}

/// <summary>
/// The legal calendar of the PO→VO school advice (WPO art. 43, from 2023-24; RULES.md §7): the provisional advice
/// from 10 to 31 January, the final advice by 24 March. Law, but dates a regulation has moved before, so settings
/// (<c>Handover:SchoolAdvice</c>) with the legal dates as defaults. A year's dates are those of the January in
/// which the school year's advice falls: an advice dated August to December counts towards the next January.
/// </summary>
public sealed class SchoolAdviceCalendar
{
    public int ProvisionalFromMonth { get; set; } = 1;
    public int ProvisionalFromDay { get; set; } = 10;
    public int ProvisionalUntilMonth { get; set; } = 1;
    public int ProvisionalUntilDay { get; set; } = 31;
    public int FinalByMonth { get; set; } = 3;
    public int FinalByDay { get; set; } = 24;

    /// <summary>The calendar year whose January a date belongs to (school years start in August).</summary>
    public static int AdviceYearOf(DateOnly day) => day.Month >= 8 ? day.Year + 1 : day.Year;

    public DateOnly ProvisionalFrom(int year) => new(year, ProvisionalFromMonth, ProvisionalFromDay);
    public DateOnly ProvisionalUntil(int year) => new(year, ProvisionalUntilMonth, ProvisionalUntilDay);
    public DateOnly FinalBy(int year) => new(year, FinalByMonth, FinalByDay);
}

/// <summary>One advice the sending primary school gave: its level and the day it was given.</summary>
/// <param name="Late">Given after the legal date (provisional after 31 January, final after 24 March): accepted, because the
/// pupil still needs it, and flagged.</param>
/// <param name="NotRaisedReason">On a final advice that stays at the provisional level although the doorstroomtoets came out higher:
/// why raising it is not in the child's interest (RULES.md §7).</param>
public sealed record AdviceStep(string Level, DateOnly GivenOn, bool Late, DateTimeOffset RecordedAt, string? NotRaisedReason = null);

/// <summary>Doorstroomtoets: the result of the national end-of-primary test, as the level it points to on the advice scale.</summary>
public sealed record DoorstroomtoetsResult(string Level, DateOnly TakenOn, DateTimeOffset RecordedAt);

/// <summary>
/// Schooladvies (PO→VO): the provisional advice, the doorstroomtoets result, the final advice and the revisions after it.
/// The final advice is never below the provisional one and a revision only raises it (RULES.md §7: never lowered).
/// </summary>
public sealed class SchoolAdvice
{
    public AdviceStep? Provisional { get; set; }
    public DoorstroomtoetsResult? Doorstroomtoets { get; set; }
    public AdviceStep? Final { get; set; }
    public List<AdviceStep> Revisions { get; set; } = [];

    /// <summary>The advice that counts now: the last revision, else the final, else the provisional advice.</summary>
    public AdviceStep? Current => Revisions.Count > 0 ? Revisions[^1] : Final ?? Provisional;
}
