using Platform.ServiceDefaults;
using Platform.Contracts.Intake;
using Platform.Intake.Domain;
using Platform.Intake.Domain.Cases;
using static Platform.Intake.Tests.Domain.CaseBuilder;
using Platform.SharedKernel;

namespace Platform.Intake.Tests.Domain;

/// <summary>Every move of the case state machine, from every state: allowed where legal, refused elsewhere.</summary>
public sealed class CaseLifecycleTests
{
    public static TheoryData<string, CaseStatus, CaseStatus?> Moves()
    {
        // (move, from, expected state after; null = refused as an illegal transition)
        var data = new TheoryData<string, CaseStatus, CaseStatus?>();
        void Row(string move, CaseStatus from, CaseStatus? to) => data.Add(move, from, to);
        Row("request-consent", CaseStatus.Referred, CaseStatus.AwaitingConsent);
        Row("request-consent", CaseStatus.AwaitingConsent, null);
        Row("request-consent", CaseStatus.Open, null);
        Row("request-consent", CaseStatus.PlanAgreed, null);
        Row("request-consent", CaseStatus.Closed, null);
        Row("consent", CaseStatus.Referred, CaseStatus.Open);
        Row("consent", CaseStatus.AwaitingConsent, CaseStatus.Open);
        Row("consent", CaseStatus.Open, CaseStatus.Open);
        Row("consent", CaseStatus.PlanAgreed, CaseStatus.PlanAgreed);
        Row("consent", CaseStatus.Closed, null);
        Row("plan", CaseStatus.Referred, null);
        Row("plan", CaseStatus.AwaitingConsent, null);
        Row("plan", CaseStatus.Open, CaseStatus.PlanAgreed);
        Row("plan", CaseStatus.PlanAgreed, CaseStatus.PlanAgreed);
        Row("plan", CaseStatus.Closed, null);
        Row("knooppunt", CaseStatus.Referred, null);
        Row("knooppunt", CaseStatus.AwaitingConsent, null);
        Row("knooppunt", CaseStatus.Open, CaseStatus.Open);
        Row("knooppunt", CaseStatus.PlanAgreed, CaseStatus.PlanAgreed);
        Row("knooppunt", CaseStatus.Closed, null);
        Row("reassign", CaseStatus.Referred, null);
        Row("reassign", CaseStatus.AwaitingConsent, null);
        Row("reassign", CaseStatus.Open, CaseStatus.Open);
        Row("reassign", CaseStatus.PlanAgreed, CaseStatus.PlanAgreed);
        Row("reassign", CaseStatus.Closed, null);
        Row("close", CaseStatus.Referred, CaseStatus.Closed);
        Row("close", CaseStatus.AwaitingConsent, CaseStatus.Closed);
        Row("close", CaseStatus.Open, CaseStatus.Closed);
        Row("close", CaseStatus.PlanAgreed, CaseStatus.Closed);
        Row("close", CaseStatus.Closed, null);
        Row("link", CaseStatus.Referred, CaseStatus.Referred);
        Row("link", CaseStatus.Open, CaseStatus.Open);
        Row("link", CaseStatus.Closed, null);
        return data;
    }

    [Theory]
    [MemberData(nameof(Moves))]
    public void Each_move_is_allowed_only_from_the_states_the_lifecycle_permits(string move, CaseStatus from, CaseStatus? expected)
    {
        var @case = InState(from);
        Action act = move switch
        {
            "request-consent" => @case.RequestConsent,
            "consent" => () => Open(@case),
            "plan" => () => AgreePlan(@case),
            "knooppunt" => () => @case.ScheduleKnooppunt(Today.AddDays(3), ["school-bs-de-linde"], true, Now),
            "reassign" => () => @case.ReassignCoordinator(new Coordinator("jgz-zuid-limburg", "A. Smeets"), "gemeente-maastricht", "capacity", Today, Now),
            "close" => () => @case.Close(CloseReason.Other, null, Now),
            "link" => () => @case.Link(Referral("school-bs-het-palet"), Now),
            _ => throw new ArgumentOutOfRangeException(nameof(move)),
        };

        if (expected is null)
        {
            Assert.Throws<IllegalTransitionException>(act);
            Assert.Equal(from, @case.Status);
        }
        else
        {
            act();
            Assert.Equal(expected, @case.Status);
        }
    }

    [Fact]
    public void A_case_opens_only_with_one_coordinator_among_the_consented_organisations()
    {
        var @case = InState(CaseStatus.Referred);
        var noCoordinator = Assert.Throws<DomainRuleException>(() => @case.RecordConsent(
            [Platform.Intake.Domain.Consents.ConsentParty.Parents], Authority, ["school-bs-de-linde"], "p", ["support"], Today, null, null, "school-bs-de-linde", Now, Calendar, 10));
        Assert.Equal("coordinator", noCoordinator.Field);

        var outside = Assert.Throws<DomainRuleException>(() => Open(@case, new Coordinator("wijkteam-elsewhere", "X")));
        Assert.Equal("organisations", outside.Field);
        Assert.Equal(CaseStatus.Referred, @case.Status);

        Open(@case);
        Assert.Equal(Coordinating, @case.Coordinator);
        Assert.Single(@case.CoordinatorLog);
        Assert.Contains(@case.PendingEvents, e => e is CaseOpened);
    }

    [Fact]
    public void Reassigning_the_coordinator_is_logged_with_who_and_why()
    {
        var @case = InState(CaseStatus.Open);

        @case.ReassignCoordinator(new Coordinator("jgz-zuid-limburg", "A. Smeets"), "gemeente-maastricht", "Health questions lead", Today, Now);

        Assert.Equal("jgz-zuid-limburg", @case.Coordinator!.OrganisationId);
        var last = @case.CoordinatorLog[^1];
        Assert.Equal(("gemeente-maastricht", "Health questions lead"), (last.AssignedBy, last.Reason));
        Assert.Contains(@case.PendingEvents, e => e is CoordinatorReassigned r && r.FromOrganisationId == "gemeente-maastricht");
    }

    /// <summary>#25 point 1: a withdrawal by the people who gave a consent ends every consent of the case resting on their word.</summary>
    [Fact]
    public void The_parents_withdrawal_ends_every_consent_resting_on_their_word_whoever_recorded_it()
    {
        var @case = Case.Start(Referral(), Now);
        var first = Open(@case);
        AgreePlan(@case);
        // Recorded by someone else, naming another municipality: it rests on the same parents' word.
        var second = @case.RecordConsent([Platform.Intake.Domain.Consents.ConsentParty.Parents], Authority, ["gemeente-vaals", "gemeente-maastricht"], "p", ["support"],
            Today, null, null, "gemeente-maastricht", Now, Calendar, 10);
        Assert.Equal(AccessLevel.Detail, @case.AccessFor("gemeente-vaals", Today));

        var ended = @case.WithdrawConsent(first, "the mother, by phone", null, Now, [first, second]);

        Assert.Equal([first.Id, second.Id], ended.Select(c => c.Id));
        Assert.Equal(first.Id, second.EndedByWithdrawalOf);
        Assert.Null(@case.AccessFor("gemeente-vaals", Today));
        Assert.Null(@case.AccessFor("jgz-zuid-limburg", Today));
        Assert.Equal(CaseStatus.AwaitingConsent, @case.Status);
        Assert.Contains(@case.PendingEvents, e => e is ConsentWithdrawn w && w.ConsentId == second.Id && w.EndedByWithdrawalOf == first.Id);
    }

    /// <summary>RULES.md §6: from 16 the child consents alone, so the parents' withdrawal of an earlier consent leaves the child's own.</summary>
    [Fact]
    public void A_sixteen_year_olds_own_consent_stays_when_the_parents_withdraw_an_earlier_one()
    {
        var @case = Case.Start(Referral(dateOfBirth: Today.AddYears(-16).AddDays(-3)), Now);
        var atFifteen = @case.RecordConsent([Platform.Intake.Domain.Consents.ConsentParty.Parents, Platform.Intake.Domain.Consents.ConsentParty.Child],
            Authority with { VerifiedOn = Today.AddDays(-7) }, ["school-bs-de-linde", "gemeente-maastricht"], "p", ["support"], Today.AddDays(-7), null,
            Coordinating, "school-bs-de-linde", Now, Calendar, 10);
        var own = @case.RecordConsent([Platform.Intake.Domain.Consents.ConsentParty.Child], null, ["gemeente-maastricht", "jgz-zuid-limburg"], "p", ["support"],
            Today, null, null, "gemeente-maastricht", Now, Calendar, 10);

        var ended = @case.WithdrawConsent(atFifteen, "the parents", null, Now, [atFifteen, own], [Platform.Intake.Domain.Consents.ConsentParty.Parents]);

        Assert.Equal(atFifteen.Id, Assert.Single(ended).Id);
        Assert.Equal(CaseStatus.Open, @case.Status);
        Assert.Equal(AccessLevel.Detail, @case.AccessFor("jgz-zuid-limburg", Today));
    }

    /// <summary>#25 point 1, RULES.md §6: the 12th and the 16th birthday after consent each raise one renewal task, with the people who consent from then on.</summary>
    [Fact]
    public void Turning_12_then_16_after_consent_raises_one_renewal_each_until_the_right_people_consent_again()
    {
        var @case = Case.Start(Referral(dateOfBirth: new DateOnly(2015, 4, 1)), Now);  // 11 on 25 Nov 2026
        Open(@case);
        @case.ClearPendingEvents();
        Assert.Equal(new DateOnly(2027, 4, 1), @case.ConsentAgeCheckOn);

        Assert.False(@case.RaiseConsentRenewalIfDue(new DateOnly(2027, 3, 31), Now));
        Assert.True(@case.RaiseConsentRenewalIfDue(new DateOnly(2027, 4, 1), Now));
        Assert.False(@case.RaiseConsentRenewalIfDue(new DateOnly(2027, 4, 2), Now));  // once per birthday
        var due = Assert.IsType<ConsentRenewalDue>(Assert.Single(@case.PendingEvents));
        Assert.Equal(12, due.TurnedAge);
        Assert.Equal(["parents", "child"], due.Parties);
        Assert.Equal("gemeente-maastricht", due.CoordinatorOrganisationId);
        Assert.Equal(12, @case.ConsentRenewalAge);
        Assert.Equal(new DateOnly(2031, 4, 1), @case.ConsentAgeCheckOn);

        var later = new DateTimeOffset(2027, 4, 2, 10, 0, 0, TimeSpan.Zero);
        @case.RecordConsent([Platform.Intake.Domain.Consents.ConsentParty.Parents, Platform.Intake.Domain.Consents.ConsentParty.Child],
            Authority with { VerifiedOn = new DateOnly(2027, 4, 2) }, ["gemeente-maastricht"], "p", ["support"], new DateOnly(2027, 4, 2), null, null,
            "gemeente-maastricht", later, Calendar, 10);
        Assert.Null(@case.ConsentRenewalAge);
        Assert.Equal(new DateOnly(2031, 4, 1), @case.ConsentAgeCheckOn);
    }

    [Fact]
    public void Withdrawing_the_last_consent_removes_access_at_once()
    {
        var @case = Case.Start(Referral(), Now);
        var consent = Open(@case);

        @case.WithdrawConsent(consent, "parents", "We want to think again", Now, [consent]);

        Assert.Equal(CaseStatus.AwaitingConsent, @case.Status);
        Assert.Null(@case.AccessFor("jgz-zuid-limburg", Today));
        Assert.Null(@case.AccessFor("gemeente-maastricht", Today));
        Assert.Equal(AccessLevel.Detail, @case.AccessFor("school-bs-de-linde", Today));  // the referrer still knows its own referral
        Assert.Contains(@case.PendingEvents, e => e is ConsentWithdrawn);
    }

    [Fact]
    public void A_knooppunt_ends_with_a_next_step_that_starts_at_once()
    {
        var @case = InState(CaseStatus.Open);
        var knooppunt = @case.ScheduleKnooppunt(Today, ["school-bs-de-linde", "gemeente-maastricht"], true, Now);

        var later = Assert.Throws<DomainRuleException>(() => @case.RecordKnooppuntOutcome(
            knooppunt.Id, Today, "Talked", new NextStep("Start reading support", "school-bs-de-linde", Today.AddDays(14)), Now, Calendar));
        Assert.Equal("nextStep.startsOn", later.Field);

        @case.RecordKnooppuntOutcome(knooppunt.Id, Today, "Talked", new NextStep("Start reading support", "school-bs-de-linde", Today.AddDays(1)), Now, Calendar);
        Assert.Equal(Today, @case.FirstKnooppuntHeldOn);
        Assert.Contains(@case.PendingEvents, e => e is KnooppuntHeld h && h.FirstStepOn == Today.AddDays(1));
        Assert.Throws<IllegalTransitionException>(() => @case.RecordKnooppuntOutcome(
            knooppunt.Id, Today, "Again", new NextStep("x", "school-bs-de-linde", Today), Now, Calendar));
    }

    [Fact]
    public void A_plan_keeps_its_versions_and_can_request_an_arrangement()
    {
        var @case = InState(CaseStatus.Open);
        AgreePlan(@case);
        AgreePlan(@case, new ArrangementRequest(Guid.NewGuid(), "collective", ["learning"], Urgent: false));

        Assert.Equal(2, @case.CurrentPlan!.Version);
        Assert.Equal(2, @case.Plans.Count);
        var requested = Assert.Single(@case.PendingEvents.OfType<ArrangementRequested>());
        Assert.Equal(("collective", "cr1-test", "GM0935"), (requested.Kind, requested.ChildReference, requested.HomeMunicipality));
    }

    [Theory]
    [InlineData(CaseStatus.Open, CloseReason.NoConsent)]
    [InlineData(CaseStatus.Referred, CloseReason.GoalsReached)]
    public void A_closing_reason_must_fit_whether_the_case_ever_opened(CaseStatus from, CloseReason reason)
    {
        var @case = InState(from);
        Assert.Equal("reason", Assert.Throws<DomainRuleException>(() => @case.Close(reason, null, Now)).Field);
        Assert.Equal(from, @case.Status);
    }
}
