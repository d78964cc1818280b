namespace Platform.Intake.Domain.Consents;

/// <summary>
/// Who must consent, by the child's age on the day consent is given (Jeugdwet 7.3.4/7.3.5, WGBO;
/// RULES.md §6): under 12 the parents with authority; 12 to 15 both the child and the parents;
/// from 16 the child alone. Parents' consent counts only once their authority was checked in the
/// custody register (gezagsregister), never on one parent's word.
/// </summary>
public static class ConsentRules
{
    public const int ChildAlsoConsentsFrom = 12;
    public const int ChildAloneFrom = 16;

    public static void Check(DateOnly dateOfBirth, DateOnly givenOn, IReadOnlyCollection<ConsentParty> givenBy, string? authorityCheckedIn)
    {
        var age = DutchTime.AgeOn(dateOfBirth, givenOn);
        var parents = givenBy.Contains(ConsentParty.Parents);
        var child = givenBy.Contains(ConsentParty.Child);

        if (age < ChildAlsoConsentsFrom && !parents)
            throw new DomainRuleException("givenBy", $"The child is {age}: under {ChildAlsoConsentsFrom} the parents with authority consent.");
        if (age is >= ChildAlsoConsentsFrom and < ChildAloneFrom && !(parents && child))
            throw new DomainRuleException("givenBy", $"The child is {age}: from {ChildAlsoConsentsFrom} to {ChildAloneFrom - 1} both the child and the parents consent.");
        if (age >= ChildAloneFrom && !child)
            throw new DomainRuleException("givenBy", $"The child is {age}: from {ChildAloneFrom} the child consents, parents' consent alone does not count.");
        if (parents && string.IsNullOrWhiteSpace(authorityCheckedIn))
            throw new DomainRuleException("parentalAuthorityCheckedIn", "Say where parental authority was checked (e.g. gezagsregister) before counting the parents' consent.");
    }
}
