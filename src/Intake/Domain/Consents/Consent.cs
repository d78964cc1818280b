namespace Platform.Intake.Domain.Consents;

/// <summary>
/// Toestemming: permission to share a case with named organisations for a purpose, given by the
/// parties the child's age requires, valid from a date until an optional expiry, withdrawable at
/// any time. While no valid consent covers an organisation, it sees nothing of the case.
/// </summary>
public sealed class Consent
{
    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public List<ConsentParty> GivenBy { get; private set; } = [];
    public string? ParentalAuthorityCheckedIn { get; private set; }
    public List<string> Organisations { get; private set; } = [];
    public string Purpose { get; private set; } = "";
    /// <summary>What sharing is allowed for (<see cref="Contracts.ConsentPurposes"/>): every service checks its own.</summary>
    public List<string> Purposes { get; private set; } = [.. Contracts.ConsentPurposes.Legacy];
    public DateOnly GivenOn { get; private set; }
    public DateOnly? ExpiresOn { get; private set; }
    public string RecordedByOrganisationId { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public string? WithdrawnBy { get; private set; }
    public string? WithdrawalReason { get; private set; }

    private Consent() { }

    internal static Consent Record(
        Guid caseId, DateOnly dateOfBirth, IReadOnlyCollection<ConsentParty> givenBy, string? authorityCheckedIn,
        IReadOnlyCollection<string> organisations, string purpose, IReadOnlyCollection<string> purposes, DateOnly givenOn, DateOnly? expiresOn,
        string recordedBy, DateTimeOffset now)
    {
        ConsentRules.Check(dateOfBirth, givenOn, givenBy, authorityCheckedIn);
        if (givenOn > DutchTime.DateOf(now))
            throw new DomainRuleException("givenOn", "Consent cannot be given in the future.");
        if (expiresOn is { } end && end <= givenOn)
            throw new DomainRuleException("expiresOn", "Must be after givenOn.");
        return new Consent
        {
            Id = Guid.CreateVersion7(now),
            CaseId = caseId,
            GivenBy = [.. givenBy.Distinct()],
            ParentalAuthorityCheckedIn = authorityCheckedIn,
            Organisations = [.. organisations.Distinct()],
            Purpose = purpose,
            Purposes = [.. purposes.Distinct()],
            GivenOn = givenOn,
            ExpiresOn = expiresOn,
            RecordedByOrganisationId = recordedBy,
            RecordedAt = now,
        };
    }

    public bool IsValidOn(DateOnly day) => WithdrawnAt is null && GivenOn <= day && (ExpiresOn is null || day <= ExpiresOn);

    public bool Covers(string organisationId, DateOnly day) => IsValidOn(day) && Organisations.Contains(organisationId);

    /// <summary>Whether it lets Intake share the case itself (the support purpose).</summary>
    public bool IsForSupport => Purposes.Contains(Contracts.ConsentPurposes.Support);

    internal void Withdraw(string by, string? reason, DateTimeOffset now)
    {
        if (WithdrawnAt is not null) throw new IllegalTransitionException("This consent was already withdrawn.");
        WithdrawnAt = now;
        WithdrawnBy = by;
        WithdrawalReason = reason;
    }
}
