namespace Platform.Intake.Domain.Consents;

/// <summary>
/// Who must consent, by the child's age on the day consent is given (Jeugdwet 7.3.4/7.3.5, WGBO;
/// RULES.md §6): under 12 the parents with authority; 12 to 15 both the child and the parents; from
/// 16 the child alone. Parents' consent counts only once their authority was checked in the custody
/// register (gezagsregister) or a court's custody decision, recently, never on one parent's word.
/// </summary>
public static class ConsentRules
{
    public const int ChildAlsoConsentsFrom = 12;
    public const int ChildAloneFrom = 16;

    public static void Check(DateOnly dateOfBirth, DateOnly givenOn, IReadOnlyCollection<ConsentParty> givenBy, ParentalAuthorityCheck? authority,
        DateOnly today, ConsentOptions limits)
    {
        var age = DutchTime.AgeOn(dateOfBirth, givenOn);
        var parents = givenBy.Contains(ConsentParty.Parents);
        var child = givenBy.Contains(ConsentParty.Child);

        if (age < ChildAlsoConsentsFrom && !parents)
            throw new DomainRuleException("givenBy", $"The child is {age}: under {ChildAlsoConsentsFrom} the parents with authority consent (RULES.md §6).");
        if (age is >= ChildAlsoConsentsFrom and < ChildAloneFrom && !(parents && child))
            throw new DomainRuleException("givenBy", $"The child is {age}: from {ChildAlsoConsentsFrom} to {ChildAloneFrom - 1} both the child and the parents consent (RULES.md §6).");
        if (age >= ChildAloneFrom && !child)
            throw new DomainRuleException("givenBy", $"The child is {age}: from {ChildAloneFrom} the child consents, parents' consent alone does not count (RULES.md §6).");
        if (!parents) return;
        if (authority is null)
            throw new DomainRuleException("parentalAuthority", "Say who holds parental authority, how it was checked (e.g. gezagsregister) and when, before counting the parents' consent (RULES.md §6).");
        if (authority.VerifiedBy == ParentalAuthority.Declaration)
            throw new DomainRuleException("parentalAuthority.verifiedBy", "A parent's own declaration does not establish parental authority: check the gezagsregister or a court's custody decision (RULES.md §6).");
        if (authority.VerifiedOn > today)
            throw new DomainRuleException("parentalAuthority.verifiedOn", "Cannot be in the future.");
        if (authority.VerifiedOn < givenOn.AddDays(-limits.MaxAuthorityCheckAgeDays))
            throw new DomainRuleException("parentalAuthority.verifiedOn",
                $"Authority was checked more than {limits.MaxAuthorityCheckAgeDays} days before consent was given: custody changes, check again (Intake:Consent:MaxAuthorityCheckAgeDays; RULES.md §6).");
    }

    /// <summary>Who consents at <paramref name="age"/> (RULES.md §6).</summary>
    public static IReadOnlyList<ConsentParty> PartiesAt(int age) => age switch
    {
        < ChildAlsoConsentsFrom => [ConsentParty.Parents],
        < ChildAloneFrom => [ConsentParty.Parents, ConsentParty.Child],
        _ => [ConsentParty.Child],
    };

    /// <summary>The next birthday after <paramref name="day"/> at which who consents changes (12, 16), or null from 16 on.</summary>
    public static (int Age, DateOnly On)? NextThresholdAfter(DateOnly dateOfBirth, DateOnly day)
    {
        foreach (var age in new[] { ChildAlsoConsentsFrom, ChildAloneFrom })
        {
            var birthday = dateOfBirth.AddYears(age);
            if (birthday > day) return (age, birthday);
        }
        return null;
    }
}
