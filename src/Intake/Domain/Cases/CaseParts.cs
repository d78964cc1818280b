namespace Platform.Intake.Domain.Cases;

/// <summary>Regisseur: the one professional who coordinates the case for the family.</summary>
public sealed record Coordinator(string OrganisationId, string Name);

/// <summary>One line of the coordinator log: every assignment, with who made it and why.</summary>
public sealed record CoordinatorAssignment(string OrganisationId, string Name, DateTimeOffset AssignedAt, string AssignedBy, string Reason);

/// <summary>How much of a case an organisation sees.</summary>
public enum AccessLevel
{
    /// <summary>That the case exists, its status and coordinator: was given to a later referrer outside the consent; no longer granted (#25), rows from before stay until their case ends.</summary>
    Summary,
    /// <summary>Everything, including the child's identity and the plan: the first referrer, and organisations under a valid consent.</summary>
    Detail,
}

/// <summary>Why an organisation may see a case. Consent-based rows end with the consent.</summary>
public sealed class CaseAccess
{
    public string OrganisationId { get; private set; } = "";
    public AccessLevel Level { get; private set; }
    public Guid? ConsentId { get; private set; }
    public DateOnly? ExpiresOn { get; private set; }

    private CaseAccess() { }

    public CaseAccess(string organisationId, AccessLevel level, Guid? consentId = null, DateOnly? expiresOn = null)
    {
        OrganisationId = organisationId;
        Level = level;
        ConsentId = consentId;
        ExpiresOn = expiresOn;
    }

    public bool IsActiveOn(DateOnly day) => ExpiresOn is null || day <= ExpiresOn;
}

/// <summary>The next step a knooppunt ends with: concrete, owned, and starting at once.</summary>
public sealed record NextStep(string Description, string OwnerOrganisationId, DateOnly StartsOn);

/// <summary>Knooppunt: the case meeting of school, SWV, wijkteam, JGZ and parents.</summary>
public sealed class Knooppunt
{
    public Guid Id { get; set; }
    public DateOnly ScheduledOn { get; set; }
    public List<string> Participants { get; set; } = [];
    public bool ParentsInvited { get; set; }
    public DateOnly? HeldOn { get; set; }
    public string? Summary { get; set; }
    public NextStep? NextStep { get; set; }
}

/// <summary>One action of the plan: a partner does something, owned by someone, by a date.</summary>
public sealed record PlanAction(string PartnerOrganisationId, string Description, string Owner, DateOnly DueOn);

/// <summary>The plan's request for an arrangement, which Funding acts on.</summary>
/// <summary>What the plan asks Funding for; <c>SchoolId</c> is where the child goes to school (a place there comes first).</summary>
public sealed record ArrangementRequest(Guid RequestId, string Kind, IReadOnlyList<string> SupportDomains, bool Urgent, string? SchoolId = null);

/// <summary>One version of the one integrated plan. Versions are kept; the highest is current.</summary>
public sealed class PlanVersion
{
    public int Version { get; set; }
    public List<string> Goals { get; set; } = [];
    public List<PlanAction> Actions { get; set; } = [];
    public DateOnly ReviewOn { get; set; }
    public ArrangementRequest? ArrangementRequest { get; set; }
    public DateTimeOffset AgreedAt { get; set; }
    public string AgreedBy { get; set; } = "";
}

/// <summary>What other services reported about the child, so the case shows the whole picture.</summary>
public sealed record CaseNote(string Kind, string Source, Guid SourceId, string Summary, DateTimeOffset At);
