namespace Platform.Handover.Domain;

/// <summary>
/// Onderwijskundig rapport (WPO art. 42, WEC art. 43): the report the school a pupil leaves writes for the next one. Its
/// content is a closed list (Besluit uitwisseling leer- en begeleidingsgegevens 2012, RULES.md §7), administrative data
/// first; a section outside it is refused. The parents get a copy, sign it "seen" and may add their view: the platform
/// has no parent accounts, so the sending school records both on their behalf, with the dates.
/// </summary>
public sealed class OnderwijskundigRapport
{
    /// <summary>The closed list, in the report's order (the JSON names of the sections).</summary>
    public static readonly IReadOnlyList<string> Sections =
        ["administrativeData", "results", "supportGiven", "socialEmotionalDevelopment", "workAttitude", "schoolAdvice", "testResult", "opp"];

    /// <summary>Who the pupil is administratively: school, years and groups attended, absence, earlier schools (required, first).</summary>
    public string AdministrativeData { get; set; } = "";
    public string? Results { get; set; }
    public string? SupportGiven { get; set; }
    public string? SocialEmotionalDevelopment { get; set; }
    public string? WorkAttitude { get; set; }
    /// <summary>The school advice in words; for PO→VO the advice itself is the dossier's <c>schoolAdvice</c>.</summary>
    public string? SchoolAdvice { get; set; }
    public string? TestResult { get; set; }
    /// <summary>Ontwikkelingsperspectiefplan: required when the pupil leaves special education (sbo, so, vso).</summary>
    public string? Opp { get; set; }
    public DateTimeOffset WrittenAt { get; set; }
    /// <summary>The day the school gave the parents their copy (RULES.md §7), recorded by the school.</summary>
    public DateOnly? CopyToParentsOn { get; set; }
    /// <summary>The day the parents signed the report "seen", recorded by the school on their behalf.</summary>
    public DateOnly? ParentsSeenOn { get; set; }
    /// <summary>The parents' own view on the report, in their words, recorded by the school on their behalf.</summary>
    public string? ParentsView { get; set; }

    /// <summary>The names of the sections that hold content (what an event may say about the report: never the content).</summary>
    public IReadOnlyList<string> FilledSections() =>
    [
        .. new (string Name, string? Text)[]
        {
            ("administrativeData", AdministrativeData), ("results", Results), ("supportGiven", SupportGiven),
            ("socialEmotionalDevelopment", SocialEmotionalDevelopment), ("workAttitude", WorkAttitude),
            ("schoolAdvice", SchoolAdvice), ("testResult", TestResult), ("opp", Opp),
        }.Where(s => !string.IsNullOrWhiteSpace(s.Text)).Select(s => s.Name),
    ];
}
