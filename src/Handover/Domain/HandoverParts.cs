namespace Platform.Handover.Domain;

/// <summary>An attachment, as metadata only: the document itself stays with the sender.</summary>
public sealed record Attachment(string Name, string MediaType, long SizeBytes, string Reference);

/// <summary>
/// The one standard handover dossier for every switch (warme overdracht; the onderwijskundig
/// rapport's content in the platform's words): needs, what works, care, and the parents' and the
/// child's own views, kept apart.
/// </summary>
public sealed class Dossier
{
    public string EducationalNeeds { get; set; } = "";
    public string SupportNeeds { get; set; } = "";
    public string WhatWorks { get; set; } = "";
    public string? CurrentCare { get; set; }
    public string? ParentsView { get; set; }
    public string? ChildsView { get; set; }
    public List<Attachment> Attachments { get; set; } = [];
    /// <summary>PO→VO only: the school advice and the doorstroomtoets result (RULES.md §7).</summary>
    public SchoolAdvice? SchoolAdvice { get; set; }
    /// <summary>The onderwijskundig rapport (RULES.md §7), once the sending school wrote it.</summary>
    public OnderwijskundigRapport? OnderwijskundigRapport { get; set; }

    /// <summary>The dossier for the receiving school's SWV: the advice and the rapport are addressed to the receiving school only.</summary>
    public Dossier WithoutSchoolReports() => new()
    {
        EducationalNeeds = EducationalNeeds, SupportNeeds = SupportNeeds, WhatWorks = WhatWorks, CurrentCare = CurrentCare,
        ParentsView = ParentsView, ChildsView = ChildsView, Attachments = Attachments,
    };
}

/// <summary>Care the child has now (a Funding arrangement, youth care), whose continuation the receiver must confirm.</summary>
public sealed class CareItem
{
    /// <summary>The source of a care item made from the child's arrangements known from Funding.</summary>
    public const string FromFunding = "funding";

    public Guid Id { get; set; }
    public string Source { get; set; } = "";
    public string Description { get; set; } = "";
    public bool? Continues { get; set; }
    public string? Successor { get; set; }
    public string? ConfirmedBy { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public bool IsConfirmed => Continues is not null;
}

/// <summary>The warm handover meeting: who took part.</summary>
public sealed record WarmMeeting(DateOnly HeldOn, IReadOnlyList<string> Participants, bool ParentsPresent, bool YouthCarePresent);

/// <summary>A receiver that declined, and why (kept when the sender sends it on).</summary>
public sealed record Decline(string ReceivingOrganisationId, string Reason, DateTimeOffset At);
