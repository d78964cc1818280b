namespace Platform.ConsentReplica;

/// <summary>
/// What this service knows of one of Intake's consents: which organisations may see the child's data,
/// for which purposes, until when, and whether it was withdrawn. Intake's own record is the original;
/// this copy follows its events.
/// </summary>
public sealed class ConsentCopy
{
    public Guid ConsentId { get; set; }
    public Guid CaseId { get; set; }
    public string ChildReference { get; set; } = "";
    public List<string> Organisations { get; set; } = [];
    public List<string> Purposes { get; set; } = [];
    public DateOnly? ExpiresOn { get; set; }
    public DateTimeOffset? GrantedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }

    /// <summary>Valid on <paramref name="day"/> for <paramref name="organisationId"/> and <paramref name="purpose"/>.</summary>
    public bool Covers(string organisationId, string purpose, DateOnly day) =>
        GrantedAt is not null && WithdrawnAt is null && (ExpiresOn is null || day <= ExpiresOn)
        && Organisations.Contains(organisationId) && Purposes.Contains(purpose);
}

/// <summary>An Intake case as other services need to know it: the child's pseudonymous reference and home municipality.</summary>
public sealed class CaseCopy
{
    public Guid CaseId { get; set; }
    public string ChildReference { get; set; } = "";
    public string HomeMunicipality { get; set; } = "";
    public DateTimeOffset OpenedAt { get; set; }
}
