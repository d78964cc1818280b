using Platform.Attendance.Domain;
using Platform.Contracts.Attendance;
using Platform.Privacy;
using Platform.SharedKernel;

namespace Platform.Attendance.Tests.Domain;

/// <summary>Issue #23 points 5, 6, 7 and 9: the rules themselves, each test citing its RULES.md section.</summary>
public sealed class LeerplichtRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly AttendanceOptions Options = new() { RmcContactMunicipality = "GM0935" };
    private static readonly SwvAdvice Advice = new("swv-po", new DateOnly(2026, 11, 10), "positive");

    private static ChildDetails Child(DateOnly dateOfBirth, string municipality = "GM0935")
    {
        Bsn.TryParse("111222333", out var bsn);
        return new ChildDetails(bsn, "Noah", "Smeets", dateOfBirth, municipality);
    }

    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 10, 0, 0, TimeSpan.Zero);

    private static Exemption Yearly5c(DateTimeOffset? now = null, DateOnly? dob = null) => Exemption.Grant(Child(dob ?? new DateOnly(2014, 1, 1)), "cr1-x",
        ExemptionArticle.A5c, new DateOnly(2026, 11, 20), null, null, "Enrolled at the Lycée in Liège", "gemeente-maastricht", now ?? Now, Options);

    // ---- Point 5: exemptions (RULES.md §3) ----

    // RULES.md §3: "the yearly renewal is not needed if the expert statement says the child will never be able to attend" — a 5 sub a statement.
    [Theory]
    [InlineData(ExemptionArticle.A5b)]
    [InlineData(ExemptionArticle.A5c)]
    public void Only_a_5a_statement_can_say_never_RULES_3(ExemptionArticle article)
    {
        var error = Assert.Throws<DomainRuleException>(() => Exemption.Grant(Child(new DateOnly(2014, 1, 1)), "cr1-x", article, new DateOnly(2026, 11, 20),
            new ExpertStatement("doctor", "Dr. A", new DateOnly(2026, 11, 1), false, Never: true), null, "Objection / school abroad", "gemeente-maastricht", Now, Options));
        Assert.Equal("statement.never", error.Field);
        Assert.Contains("RULES.md §3", error.Message);
    }

    // RULES.md §3: the 5 sub a statement is at most 3 months old — on the day the notice is filed, so a back-dated start cannot save an old one.
    [Fact]
    public void A_5a_statement_is_at_most_3_months_old_on_the_filing_date_whatever_the_start_date_RULES_3()
    {
        var statement = new ExpertStatement("doctor", "Dr. A", new DateOnly(2026, 7, 1), false, false);
        var error = Assert.Throws<DomainRuleException>(() => Exemption.Grant(Child(new DateOnly(2014, 1, 1)), "cr1-x", ExemptionArticle.A5a,
            new DateOnly(2026, 8, 15), statement, Advice, null, "gemeente-maastricht", Now, Options)); // start back-dated to 6 weeks after the statement
        Assert.Equal("statement.issuedOn", error.Field);
        Assert.Contains("filed", error.Message);

        var recent = Exemption.Grant(Child(new DateOnly(2014, 1, 1)), "cr1-x", ExemptionArticle.A5a, new DateOnly(2026, 12, 1),
            new ExpertStatement("doctor", "Dr. A", new DateOnly(2026, 8, 26), false, false), Advice, null, "gemeente-maastricht", Now, Options);
        Assert.Equal(new DateOnly(2027, 7, 31), recent.EndsOn);
    }

    // RULES.md §3: renewal every year before 1 July; a reminder on the region's date (default 1 May), once.
    [Fact]
    public void The_renewal_reminder_falls_on_1_May_once_and_a_region_may_move_it_RULES_3()
    {
        var exemption = Yearly5c();
        Assert.Equal((new DateOnly(2027, 5, 1), new DateOnly(2027, 7, 1)), (exemption.RenewalReminderOn, exemption.ReviewOn));
        Assert.False(exemption.IsRenewalReminderDue(new DateOnly(2027, 4, 30)));
        Assert.True(exemption.IsRenewalReminderDue(new DateOnly(2027, 5, 1)));
        exemption.RaiseRenewalReminder(At(2027, 5, 1));
        Assert.False(exemption.IsRenewalReminderDue(new DateOnly(2027, 5, 2)));
        Assert.Equal(ExemptionStatuses.RenewalDue, exemption.Status);
        Assert.Single(exemption.PendingEvents.OfType<ExemptionRenewalDue>(), e => e.RenewBefore == new DateOnly(2027, 7, 1));

        var april = Exemption.Grant(Child(new DateOnly(2014, 1, 1)), "cr1-x", ExemptionArticle.A5c, new DateOnly(2026, 11, 20), null, null, "abroad",
            "gemeente-maastricht", Now, new AttendanceOptions { RenewalReminderMonth = 4, RenewalReminderDay = 15 });
        Assert.Equal(new DateOnly(2027, 4, 15), april.RenewalReminderOn);
        Assert.Throws<InvalidOperationException>(() => new AttendanceOptions { RenewalReminderMonth = 7 }.RenewalReminderOn(2027));
    }

    // RULES.md §3: "renewed before 1 July" — the renewal is next school year's exemption; the old one then lapses without a check.
    [Fact]
    public void A_renewal_before_1_July_covers_the_next_school_year_and_its_predecessor_ends_without_a_check_RULES_3()
    {
        var exemption = Yearly5c();
        var renewal = exemption.Renew(null, null, null, "gemeente-maastricht", At(2027, 6, 30), Options);
        Assert.Equal((new DateOnly(2027, 8, 1), new DateOnly(2028, 7, 31), "Enrolled at the Lycée in Liège"), (renewal.StartsOn, renewal.EndsOn, renewal.Grounds));
        Assert.Equal((exemption.Id, renewal.Id), (renewal.RenewalOfId, exemption.RenewedById));
        Assert.Contains(renewal.PendingEvents, e => e is ExemptionRenewed);
        // Granted, and marked as the renewal it is: the monitor keeps the child exempted without counting a new exemption.
        Assert.Equal(exemption.Id, Assert.Single(renewal.PendingEvents.OfType<ExemptionGranted>()).RenewalOfExemptionId);
        Assert.False(exemption.IsRenewalReminderDue(new DateOnly(2027, 7, 1)));
        Assert.Throws<IllegalTransitionException>(() => exemption.Renew(null, null, null, "gemeente-maastricht", At(2027, 6, 30), Options));

        exemption.Expire(At(2027, 8, 1));
        Assert.Null(exemption.CheckOpenedAt);
        Assert.Equal(ExemptionStatuses.Ended, exemption.Status);
    }

    // RULES.md §3: the renewal notice is due before 1 July; a late one is a new notice, and the refusal says so.
    [Fact]
    public void A_renewal_on_or_after_1_July_is_refused_naming_the_rule_RULES_3()
    {
        var exemption = Yearly5c();
        var error = Assert.Throws<DomainRuleException>(() => exemption.Renew(null, null, null, "gemeente-maastricht", At(2027, 7, 1), Options));
        Assert.Equal("renewal", error.Field);
        Assert.Contains("RULES.md §3", error.Message);
        Assert.Null(exemption.RenewedById);
    }

    // RULES.md §3: a 5 sub a renewal brings a new statement, at most 3 months old on the day it is filed.
    [Fact]
    public void A_5a_renewal_needs_a_fresh_statement_and_never_needs_no_renewal_RULES_3()
    {
        var yearly = Exemption.Grant(Child(new DateOnly(2014, 1, 1)), "cr1-x", ExemptionArticle.A5a, new DateOnly(2026, 11, 20),
            new ExpertStatement("doctor", "Dr. A", new DateOnly(2026, 11, 1), false, false), Advice, null, "gemeente-maastricht", Now, Options);
        Assert.Equal("statement", Assert.Throws<DomainRuleException>(() => yearly.Renew(null, Advice, null, "g", At(2027, 6, 1), Options)).Field);
        Assert.Equal("statement.issuedOn", Assert.Throws<DomainRuleException>(() => yearly.Renew(
            new ExpertStatement("doctor", "Dr. A", new DateOnly(2026, 11, 1), false, false), Advice, null, "g", At(2027, 6, 1), Options)).Field);
        var renewal = yearly.Renew(new ExpertStatement("doctor", "Dr. B", new DateOnly(2027, 5, 20), false, Never: true), Advice, null, "g", At(2027, 6, 1), Options);
        Assert.Null(renewal.RenewalReminderOn); // "never" from now on: runs to the end of compulsory schooling
        Assert.Equal(new DateOnly(2031, 12, 31), renewal.EndsOn);

        var never = Exemption.Grant(Child(new DateOnly(2014, 1, 1)), "cr1-x", ExemptionArticle.A5a, new DateOnly(2026, 11, 20),
            new ExpertStatement("doctor", "Dr. A", new DateOnly(2026, 11, 1), false, Never: true), Advice, null, "gemeente-maastricht", Now, Options);
        Assert.Null(never.RenewalReminderOn);
        Assert.Contains("RULES.md §3", Assert.Throws<IllegalTransitionException>(() => never.Renew(null, Advice, null, "g", At(2027, 6, 1), Options)).Message);
    }

    // RULES.md §3, issue #23 Monitoring: ExemptionGranted says whether the exemption is permanent ("never": no yearly renewal) or
    // temporary (yearly), for the monitor's temporary-versus-permanent figures; a renewal says it too.
    [Fact]
    public void ExemptionGranted_says_permanent_for_never_and_temporary_otherwise_RULES_3()
    {
        var yearly = Exemption.Grant(Child(new DateOnly(2014, 1, 1)), "cr1-x", ExemptionArticle.A5a, new DateOnly(2026, 11, 20),
            new ExpertStatement("doctor", "Dr. A", new DateOnly(2026, 11, 1), false, false), Advice, null, "gemeente-maastricht", Now, Options);
        Assert.False(Assert.Single(yearly.PendingEvents.OfType<ExemptionGranted>()).Permanent);
        var never = Exemption.Grant(Child(new DateOnly(2014, 1, 1)), "cr1-x", ExemptionArticle.A5a, new DateOnly(2026, 11, 20),
            new ExpertStatement("doctor", "Dr. A", new DateOnly(2026, 11, 1), false, Never: true), Advice, null, "gemeente-maastricht", Now, Options);
        Assert.True(Assert.Single(never.PendingEvents.OfType<ExemptionGranted>()).Permanent);
        var renewal = yearly.Renew(new ExpertStatement("doctor", "Dr. B", new DateOnly(2027, 5, 20), false, Never: true), Advice, null, "g", At(2027, 6, 1), Options);
        Assert.Equal((true, yearly.Id), (Assert.Single(renewal.PendingEvents.OfType<ExemptionGranted>()).Permanent, renewal.PendingEvents.OfType<ExemptionGranted>().Single().RenewalOfExemptionId));
    }

    // RULES.md §2-3: an exemption that lapses without renewal does not silently drop the child: an absolute-absence check opens.
    [Fact]
    public void An_exemption_lapsing_without_renewal_opens_an_absolute_absence_check_RULES_3()
    {
        var exemption = Yearly5c();
        Assert.Throws<IllegalTransitionException>(() => exemption.Expire(At(2027, 7, 31)));
        exemption.Expire(At(2027, 8, 1));
        Assert.Equal(ExemptionStatuses.CheckOpen, exemption.Status);
        Assert.Single(exemption.PendingEvents.OfType<AbsoluteAbsenceCheckOpened>(), e => e.LapsedOn == new DateOnly(2027, 7, 31));
        Assert.Single(exemption.PendingEvents.OfType<ExemptionEnded>());

        exemption.CloseCheck(CheckOutcomes.Enrolled, "Enrolled at the Bernard Lievegoed school", At(2027, 8, 20));
        Assert.Equal(ExemptionStatuses.Ended, exemption.Status);
        Assert.Throws<IllegalTransitionException>(() => exemption.CloseCheck(CheckOutcomes.MovedAway, null, At(2027, 8, 21)));
    }

    // RULES.md §1: compulsory schooling ends at 18; an exemption does not run past it, and its end opens no check.
    [Fact]
    public void An_exemption_ending_with_compulsory_schooling_needs_no_renewal_and_opens_no_check_RULES_1_3()
    {
        var exemption = Yearly5c(dob: new DateOnly(2009, 3, 10)); // 18 on 10 March 2027
        Assert.Equal(new DateOnly(2027, 3, 9), exemption.EndsOn);
        Assert.Null(exemption.RenewalReminderOn);
        exemption.Expire(At(2027, 3, 10));
        Assert.Null(exemption.CheckOpenedAt);
    }

    [Fact]
    public void A_new_notice_takes_over_from_a_running_exemption_so_its_end_opens_no_check()
    {
        var exemption = Yearly5c();
        var next = Exemption.Grant(Child(new DateOnly(2014, 1, 1)), "cr1-x", ExemptionArticle.A5c, new DateOnly(2027, 8, 1), null, null, "abroad", "g", At(2027, 7, 10), Options);
        exemption.SupersedeBy(next);
        Assert.Equal(next.Id, exemption.RenewedById);
        exemption.Expire(At(2027, 8, 1));
        Assert.Null(exemption.CheckOpenedAt);
    }

    // ---- Point 6: the DUO kinds (RULES.md §1) ----

    private static AbsenceReport Report(AbsenceKind kind, DateOnly dob, int? hours = null, DateOnly? last = null, AbsenceReport.Details? details = null,
        AttendanceOptions? options = null, string municipality = "GM0935") =>
        AbsenceReport.Submit(Child(dob, municipality), "cr1-x", "school-a", kind, new DateOnly(2026, 11, 2), last, hours, Now, options ?? Options, details);

    // RULES.md §1: RMC covers 18-23 without startkwalificatie, and goes to the region's RMC contact municipality.
    [Theory]
    [InlineData("2008-11-02", true)]   // 18 on the first absent day
    [InlineData("2008-11-03", false)]  // still 17: leerplicht, not RMC
    [InlineData("2003-11-03", true)]   // the day before the 23rd birthday
    [InlineData("2003-11-02", false)]  // 23
    public void RMC_covers_18_to_23_RULES_1(string born, bool accepted)
    {
        AbsenceReport Submit() => Report(AbsenceKind.Rmc, DateOnly.Parse(born), municipality: "GM0917");
        if (accepted) Assert.Equal(("GM0935", "GM0917"), (Submit().RoutedTo, Submit().Child.HomeMunicipality));
        else Assert.Contains("RULES.md §1 (RMC)", Assert.Throws<DomainRuleException>(Submit).Message);
    }

    [Fact]
    public void An_RMC_report_needs_the_regions_RMC_contact_municipality_RULES_1()
    {
        var error = Assert.Throws<DomainRuleException>(() => Report(AbsenceKind.Rmc, new DateOnly(2007, 1, 1), options: new AttendanceOptions()));
        Assert.Equal("kind", error.Field);
        Assert.Equal("GM0917", Report(AbsenceKind.Unauthorised, new DateOnly(2014, 1, 1), 18, new DateOnly(2026, 11, 20), municipality: "GM0917").RoutedTo);
    }

    // RULES.md §1: sickness and suspension are authorised absence, not reported unless doubted.
    [Fact]
    public void A_suspension_is_reported_only_when_doubted_RULES_1()
    {
        var error = Assert.Throws<DomainRuleException>(() => Report(AbsenceKind.Suspension, new DateOnly(2014, 1, 1)));
        Assert.Equal("doubt", error.Field);
        Assert.Contains("RULES.md §1", error.Message);
        var doubted = Report(AbsenceKind.Suspension, new DateOnly(2014, 1, 1), details: new("Suspended for the fourth time this term without a hearing"));
        Assert.Equal(AbsenceKind.Suspension, doubted.Kind);
        Assert.Equal("doubt", Assert.Throws<DomainRuleException>(() => Report(AbsenceKind.Luxury, new DateOnly(2014, 1, 1), 8, details: new("x"))).Field);
    }

    // RULES.md §1: overig verzuim is below the threshold (or doubtful sickness); luxe verzuim has no threshold.
    [Fact]
    public void Overig_verzuim_stays_below_the_threshold_unless_sickness_is_doubted_and_luxe_verzuim_has_none_RULES_1()
    {
        Assert.Equal(8, Report(AbsenceKind.Other, new DateOnly(2014, 1, 1), 8).Hours);
        var error = Assert.Throws<DomainRuleException>(() => Report(AbsenceKind.Other, new DateOnly(2014, 1, 1), 16));
        Assert.Equal("hours", error.Field);
        Assert.Contains("16-hour report", error.Message);
        Assert.Equal(24, Report(AbsenceKind.Other, new DateOnly(2014, 1, 1), 24, details: new("Sick every Monday for six weeks")).Hours);
        Assert.Equal(4, Report(AbsenceKind.Luxury, new DateOnly(2014, 1, 1), 4, new DateOnly(2026, 11, 3)).Hours);
    }

    // RULES.md §1: DUO's status "Ter kennisgeving aangenomen"; long-term relative absence is never merely noted.
    [Fact]
    public void Ter_kennisgeving_aangenomen_finishes_a_report_but_not_long_term_relative_absence_RULES_1()
    {
        var report = Report(AbsenceKind.Other, new DateOnly(2014, 1, 1), 6);
        report.PickUp();
        report.Acknowledge("Talked to the parents; no further action", Now);
        Assert.Equal(("acknowledged", Now), (report.Status.Name(), report.FinishedAt));
        Assert.Single(report.PendingEvents.OfType<AbsenceReportFinished>(), e => e.Outcome == "acknowledged");
        Assert.Throws<IllegalTransitionException>(() => report.Acknowledge(null, Now));
        Assert.Throws<IllegalTransitionException>(() => report.Close(null, Now));

        var longTerm = AbsenceReport.Submit(Child(new DateOnly(2014, 1, 1)), "cr1-x", "school-a", AbsenceKind.LongTermRelative, new DateOnly(2026, 9, 1), null, null, Now);
        Assert.Contains("RULES.md §1-2", Assert.Throws<DomainRuleException>(() => longTerm.Acknowledge(null, Now)).Message);
        Assert.Equal(ReportStatus.Registered, longTerm.Status);
    }

    // ---- Point 7: the grey zone (RULES.md §2) ----

    // RULES.md §2: long-term sickness is tracked with its review date, never a thuiszitter by itself.
    [Fact]
    public void Long_term_sickness_has_a_review_date_that_fires_once_per_review_RULES_2()
    {
        var report = Report(AbsenceKind.LongTermSickness, new DateOnly(2014, 1, 1));
        Assert.Equal(new DateOnly(2027, 1, 6), report.ReviewOn); // default: 6 weeks after the report
        Assert.False(report.IsReviewDue(new DateOnly(2027, 1, 5)));
        Assert.True(report.IsReviewDue(new DateOnly(2027, 1, 6)));
        report.RaiseReviewDue(At(2027, 1, 6));
        Assert.False(report.IsReviewDue(new DateOnly(2027, 1, 7)));
        report.Review(new DateOnly(2027, 2, 15), partlyAbleUnderPlan: true, "Mornings at school from February", At(2027, 1, 7));
        Assert.Equal((new DateOnly(2027, 2, 15), true), (report.ReviewOn, report.PartlyAbleUnderPlan));
        Assert.True(report.IsReviewDue(new DateOnly(2027, 2, 15)));
        Assert.Equal("nextReviewOn", Assert.Throws<DomainRuleException>(() => report.Review(new DateOnly(2027, 1, 7), null, null, At(2027, 1, 7))).Field);
        // A far-off review date would take the child out of sight: at most 26 weeks ahead.
        Assert.Equal("nextReviewOn", Assert.Throws<DomainRuleException>(() => report.Review(new DateOnly(2027, 7, 9), null, null, At(2027, 1, 7))).Field);
        Assert.Equal("reviewOn", Assert.Throws<DomainRuleException>(() => Report(AbsenceKind.LongTermSickness, new DateOnly(2014, 1, 1), details: new(ReviewOn: new DateOnly(2099, 1, 1)))).Field);
        Assert.Equal("reviewOn", Assert.Throws<DomainRuleException>(() => Report(AbsenceKind.Other, new DateOnly(2014, 1, 1), 4, details: new(ReviewOn: new DateOnly(2027, 1, 1)))).Field);
        Assert.Equal("kind", Assert.Throws<DomainRuleException>(() => Report(AbsenceKind.Other, new DateOnly(2014, 1, 1), 4).Review(new DateOnly(2027, 1, 1), null, null, Now)).Field);
    }

    // RULES.md §2: "some regions also count children ill but able to attend partly under a plan: configurable".
    [Fact]
    public void Partly_ill_under_a_plan_counts_as_a_thuiszitter_only_where_the_region_says_so_and_after_4_weeks_RULES_2()
    {
        var counting = new AttendanceOptions { CountPartlyIllAsThuiszitters = true };
        var partly = Report(AbsenceKind.LongTermSickness, new DateOnly(2014, 1, 1), details: new(PartlyAbleUnderPlan: true));
        Assert.False(partly.CountsAsPartlyIllThuiszitter(new DateOnly(2026, 11, 25), new AttendanceOptions())); // the default: grey zone
        Assert.False(partly.CountsAsPartlyIllThuiszitter(new DateOnly(2026, 11, 29), counting));                 // 4 weeks exactly
        Assert.True(partly.CountsAsPartlyIllThuiszitter(new DateOnly(2026, 11, 30), counting));
        var fullyIll = Report(AbsenceKind.LongTermSickness, new DateOnly(2014, 1, 1));
        Assert.False(fullyIll.CountsAsPartlyIllThuiszitter(new DateOnly(2026, 12, 30), counting));
        Assert.Equal("partly-ill", ThuiszitterKind.PartlyIll.Name());
    }

    // ---- Point 9: onderwijsconsulent (RULES.md §2) ----

    // RULES.md §2: onderwijsconsulenten can be called in after more than 4 weeks at home with no prospect of a place.
    [Fact]
    public void An_onderwijsconsulent_is_engaged_after_more_than_4_weeks_without_prospect_once_RULES_2()
    {
        var early = ThuiszitterCase.Register(Child(new DateOnly(2014, 1, 1)), "cr1-x", ThuiszitterKind.Absolute, new DateOnly(2026, 10, 28), null, Now, Options);
        Assert.False(early.CanEngageOnderwijsconsulent(new DateOnly(2026, 11, 25))); // exactly 4 weeks
        var tooEarly = Assert.Throws<DomainRuleException>(() => early.EngageOnderwijsconsulent(null, Now));
        Assert.Equal("atHomeSince", tooEarly.Field);
        Assert.Contains("RULES.md §2", tooEarly.Message);
        Assert.True(early.CanEngageOnderwijsconsulent(new DateOnly(2026, 11, 26)));

        var withOffer = ThuiszitterCase.Register(Child(new DateOnly(2014, 1, 1)), "cr1-x", ThuiszitterKind.Absolute, new DateOnly(2026, 9, 1), null, Now, Options);
        withOffer.RecordOffer("education", "Place at De Linde", new DateOnly(2026, 12, 9), Now);
        Assert.False(withOffer.CanEngageOnderwijsconsulent(new DateOnly(2026, 11, 25)));
        Assert.Equal("offer", Assert.Throws<DomainRuleException>(() => withOffer.EngageOnderwijsconsulent(null, Now)).Field);

        var stuck = ThuiszitterCase.Register(Child(new DateOnly(2014, 1, 1)), "cr1-x", ThuiszitterKind.LongTermRelative, new DateOnly(2026, 9, 1), null, Now, Options);
        stuck.EngageOnderwijsconsulent("Onderwijsconsulenten, regio Zuid", Now);
        Assert.Equal(new DateOnly(2026, 11, 25), stuck.OnderwijsconsulentEngagedOn);
        Assert.Single(stuck.PendingEvents.OfType<OnderwijsconsulentEngaged>(), e => e.DaysAtHome == 85);
        Assert.False(stuck.CanEngageOnderwijsconsulent(new DateOnly(2026, 11, 26)));
        Assert.Throws<IllegalTransitionException>(() => stuck.EngageOnderwijsconsulent(null, Now));
        stuck.Resolve(ResolutionReason.AttendingAgain, null, Now);
        Assert.False(stuck.CanEngageOnderwijsconsulent(new DateOnly(2026, 11, 26)));
    }
}
