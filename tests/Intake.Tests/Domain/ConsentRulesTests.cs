using Platform.Intake.Domain.Cases;
using Platform.Intake.Domain.Consents;
using Platform.SharedKernel;
using static Platform.Intake.Tests.Domain.CaseBuilder;

namespace Platform.Intake.Tests.Domain;

/// <summary>Who consents, the check of parental authority and the limits on recording it: RULES.md §6 (#25 point 1).</summary>
public sealed class ConsentRulesTests
{
    private static readonly DateOnly GivenOn = new(2026, 11, 25);
    private static readonly ConsentOptions Limits = new();
    private static readonly ParentalAuthorityCheck Checked = new(["mother", "father"], ParentalAuthority.Gezagsregister, GivenOn);

    private static DateOnly BornYearsAgo(int years, int extraDays = 0) => GivenOn.AddYears(-years).AddDays(-extraDays);

    private static void Check(DateOnly dateOfBirth, IReadOnlyCollection<ConsentParty> parties, ParentalAuthorityCheck? authority) =>
        ConsentRules.Check(dateOfBirth, GivenOn, parties, authority, GivenOn, Limits);

    /// <summary>RULES.md §6: under 12 the parents; 12-15 both; 16+ the child alone ("only one consent for a child of 12-15" is rule 12 most often got wrong).</summary>
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
    public void Who_must_consent_follows_the_childs_age_RULES_6(int age, string givenBy, bool allowed)
    {
        var parties = givenBy.Split(',').Select(p => ConsentParties.ByName[p]).ToList();

        var check = () => Check(BornYearsAgo(age, extraDays: 10), parties, Checked);

        if (allowed) check();
        else Assert.Equal("givenBy", Assert.Throws<DomainRuleException>(check).Field);
    }

    [Fact]
    public void The_birthday_itself_counts_the_child_as_twelve() =>
        Assert.Throws<DomainRuleException>(() => Check(BornYearsAgo(12), [ConsentParty.Parents], Checked));

    /// <summary>RULES.md §6: check who holds authority, never take one parent's word for it.</summary>
    [Fact]
    public void Parents_consent_counts_only_with_a_structured_check_of_their_authority_RULES_6()
    {
        Assert.Equal("parentalAuthority", Assert.Throws<DomainRuleException>(() => Check(BornYearsAgo(8), [ConsentParty.Parents], null)).Field);

        var word = Assert.Throws<DomainRuleException>(() => Check(BornYearsAgo(8), [ConsentParty.Parents], Checked with { VerifiedBy = ParentalAuthority.Declaration }));
        Assert.Equal("parentalAuthority.verifiedBy", word.Field);
        Assert.Contains("RULES.md §6", word.Message);

        var stale = Assert.Throws<DomainRuleException>(() => Check(BornYearsAgo(8), [ConsentParty.Parents], Checked with { VerifiedOn = GivenOn.AddDays(-32) }));
        Assert.Equal("parentalAuthority.verifiedOn", stale.Field);
        Check(BornYearsAgo(8), [ConsentParty.Parents], Checked with { VerifiedOn = GivenOn.AddDays(-31), VerifiedBy = ParentalAuthority.CourtDecision });

        // From 16 the child alone consents: no check of the parents' authority is asked.
        Check(BornYearsAgo(16, 3), [ConsentParty.Child], null);
    }

    /// <summary>No back-dating beyond Intake:Consent:MaxBackdatingDays (default 7).</summary>
    [Fact]
    public void Consent_is_not_back_dated_beyond_the_configured_window()
    {
        var @case = InState(CaseStatus.Referred);
        var tooOld = Assert.Throws<DomainRuleException>(() => @case.RecordConsent([ConsentParty.Parents], Authority, ["school-bs-de-linde", "gemeente-maastricht"],
            "p", ["support"], Today.AddDays(-8), null, Coordinating, "school-bs-de-linde", Now, Calendar, 10, new ConsentOptions { MaxBackdatingDays = 7 }));
        Assert.Equal("givenOn", tooOld.Field);
        Assert.Contains("MaxBackdatingDays", tooOld.Message);

        @case.RecordConsent([ConsentParty.Parents], Authority with { VerifiedOn = Today.AddDays(-7) }, ["school-bs-de-linde", "gemeente-maastricht"],
            "p", ["support"], Today.AddDays(-7), null, Coordinating, "school-bs-de-linde", Now, Calendar, 10, new ConsentOptions { MaxBackdatingDays = 7 });
        Assert.Equal(CaseStatus.Open, @case.Status);
    }

    [Fact]
    public void The_next_change_of_who_consents_is_the_12th_then_the_16th_birthday()
    {
        var born = new DateOnly(2015, 4, 1);
        Assert.Equal((12, new DateOnly(2027, 4, 1)), ConsentRules.NextThresholdAfter(born, new DateOnly(2026, 11, 25)));
        Assert.Equal((16, new DateOnly(2031, 4, 1)), ConsentRules.NextThresholdAfter(born, new DateOnly(2027, 4, 1)));
        Assert.Null(ConsentRules.NextThresholdAfter(born, new DateOnly(2031, 4, 1)));
    }
}
