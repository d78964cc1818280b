using Platform.ServiceDefaults;
using Platform.Intake.Domain;
using Platform.Intake.Domain.Consents;
using Platform.SharedKernel;

namespace Platform.Intake.Tests.Domain;

public sealed class ConsentRulesTests
{
    private static readonly DateOnly GivenOn = new(2026, 11, 25);

    private static DateOnly BornYearsAgo(int years, int extraDays = 0) => GivenOn.AddYears(-years).AddDays(-extraDays);

    [Theory]
    [InlineData(11, "parents", true)]
    [InlineData(11, "child", false)]
    [InlineData(12, "parents", false)]          // from 12 the child consents too: one consent is not enough
    [InlineData(12, "child", false)]
    [InlineData(12, "parents,child", true)]
    [InlineData(15, "parents,child", true)]
    [InlineData(15, "parents", false)]
    [InlineData(16, "child", true)]             // from 16 the child alone
    [InlineData(16, "parents", false)]
    [InlineData(17, "parents,child", true)]
    public void Who_must_consent_follows_the_childs_age(int age, string givenBy, bool allowed)
    {
        var parties = givenBy.Split(',').Select(p => ConsentParties.ByName[p]).ToList();

        var check = () => ConsentRules.Check(BornYearsAgo(age, extraDays: 10), GivenOn, parties, "gezagsregister");

        if (allowed) check();
        else Assert.Equal("givenBy", Assert.Throws<DomainRuleException>(check).Field);
    }

    [Fact]
    public void The_birthday_itself_counts_the_child_as_twelve() =>
        Assert.Throws<DomainRuleException>(() => ConsentRules.Check(BornYearsAgo(12), GivenOn, [ConsentParty.Parents], "gezagsregister"));

    [Fact]
    public void Parents_consent_counts_only_with_their_authority_checked()
    {
        var error = Assert.Throws<DomainRuleException>(() => ConsentRules.Check(BornYearsAgo(8), GivenOn, [ConsentParty.Parents], null));
        Assert.Equal("parentalAuthorityCheckedIn", error.Field);
    }
}
