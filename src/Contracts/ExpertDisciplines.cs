namespace Platform.Contracts;

/// <summary>
/// The professions a TLV advice comes from (RULES.md §4): the first advice by an orthopedagoog or a psycholoog,
/// the second by a child and youth psychologist, a pedagoog, a child psychiatrist, a social worker or a doctor.
/// The Directory registers experts with these disciplines; Funding checks an advice against them.
/// </summary>
public static class ExpertDisciplines
{
    public static readonly IReadOnlyList<string> First = ["orthopedagoog", "psycholoog"];
    public static readonly IReadOnlyList<string> Second = ["kinder-en-jeugdpsycholoog", "pedagoog", "kinderpsychiater", "maatschappelijk-werker", "arts"];
    public static readonly IReadOnlyList<string> All = [.. First, .. Second];
}
