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
    /// <summary>How parental authority was verified (<see cref="ParentalAuthority.Methods"/>); null when the parents did not consent.</summary>
    public string? ParentalAuthorityCheckedIn { get; private set; }
    /// <summary>Who holds parental authority, as checked (<see cref="ParentalAuthority.HolderKinds"/>).</summary>
    public List<string> ParentalAuthorityHolders { get; private set; } = [];
    /// <summary>When authority was checked; null on consents recorded before the check was structured (#25).</summary>
    public DateOnly? ParentalAuthorityCheckedOn { get; private set; }
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
    /// <summary>Which of the people who consented withdrew (<c>parents</c>, <c>child</c>).</summary>
    public List<string> WithdrawnByParties { get; private set; } = [];
    /// <summary>Set when this consent ended because the family withdrew another one that rests on the same people's word.</summary>
    public Guid? EndedByWithdrawalOf { get; private set; }

    private Consent() { }

    internal static Consent Record(
        Guid caseId, DateOnly dateOfBirth, IReadOnlyCollection<ConsentParty> givenBy, ParentalAuthorityCheck? authority,
        IReadOnlyCollection<string> organisations, string purpose, IReadOnlyCollection<string> purposes, DateOnly givenOn, DateOnly? expiresOn,
        string recordedBy, DateTimeOffset now, ConsentOptions limits)
    {
        var today = DutchTime.DateOf(now);
        if (givenOn > today)
            throw new DomainRuleException("givenOn", "Consent cannot be given in the future.");
        if (givenOn < today.AddDays(-limits.MaxBackdatingDays))
            throw new DomainRuleException("givenOn",
                $"Consent is recorded within {limits.MaxBackdatingDays} days of being given, never back-dated further (Intake:Consent:MaxBackdatingDays; RULES.md §6): ask the family again.");
        ConsentRules.Check(dateOfBirth, givenOn, givenBy, authority, today, limits);
        if (expiresOn is { } end && end <= givenOn)
            throw new DomainRuleException("expiresOn", "Must be after givenOn.");
        var parents = givenBy.Contains(ConsentParty.Parents);
        return new Consent
        {
            Id = Guid.CreateVersion7(now),
            CaseId = caseId,
            GivenBy = [.. givenBy.Distinct()],
            ParentalAuthorityCheckedIn = parents ? authority!.VerifiedBy : null,
            ParentalAuthorityHolders = parents ? [.. authority!.Holders.Distinct()] : [],
            ParentalAuthorityCheckedOn = parents ? authority!.VerifiedOn : null,
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

    /// <summary>Whether it rests (in part) on the word of one of <paramref name="parties"/>.</summary>
    public bool GivenByAnyOf(IEnumerable<ConsentParty> parties) => parties.Any(GivenBy.Contains);

    internal void Withdraw(string by, string? reason, IReadOnlyCollection<ConsentParty> parties, DateTimeOffset now, Guid? endedByWithdrawalOf = null)
    {
        if (WithdrawnAt is not null) throw new IllegalTransitionException("This consent was already withdrawn.");
        WithdrawnAt = now;
        WithdrawnBy = by;
        WithdrawalReason = reason;
        WithdrawnByParties = [.. parties.Select(p => p.Name())];
        EndedByWithdrawalOf = endedByWithdrawalOf;
    }
}
