using Platform.Attendance.Domain;
using Platform.Privacy;
using Platform.SharedKernel;

namespace Platform.Attendance.Tests.Domain;

public sealed class AttendanceRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly AttendanceOptions Options = new();

    private static ChildDetails Child(DateOnly dateOfBirth)
    {
        Bsn.TryParse("111222333", out var bsn);
        return new ChildDetails(bsn, "Noah", "Smeets", dateOfBirth, "GM0935");
    }

    [Theory]
    [InlineData("2021-03-15", "2026-04-01", true)]   // turned 5 in March: compulsory from 1 April
    [InlineData("2021-03-15", "2026-03-31", false)]
    [InlineData("2008-11-26", "2026-11-25", true)]   // the day before the 18th birthday: still kwalificatieplichtig
    [InlineData("2008-11-25", "2026-11-25", false)]  // 18 today
    public void Compulsory_schooling_runs_from_the_month_after_the_fifth_birthday_to_eighteen(string born, string on, bool applies) =>
        Assert.Equal(applies, CompulsorySchooling.AppliesOn(DateOnly.Parse(born), DateOnly.Parse(on)));

    [Theory]
    [InlineData(15)]
    [InlineData(161)]
    [InlineData(null)]
    public void A_16_hour_report_needs_16_to_160_hours(int? hours)
    {
        var error = Assert.Throws<DomainRuleException>(() => AbsenceReport.Submit(Child(new DateOnly(2014, 1, 1)), "cr1-x", "school-a",
            AbsenceKind.Unauthorised, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 20), hours, Now));
        Assert.Equal("hours", error.Field);
    }

    [Fact]
    public void A_child_outside_compulsory_school_age_cannot_be_reported()
    {
        var error = Assert.Throws<DomainRuleException>(() => AbsenceReport.Submit(Child(new DateOnly(2005, 1, 1)), "cr1-x", "school-a",
            AbsenceKind.LongTermRelative, new DateOnly(2026, 9, 1), null, null, Now));
        Assert.Equal("child.dateOfBirth", error.Field);
    }

    [Fact]
    public void Long_term_relative_absence_means_more_than_four_weeks()
    {
        var error = Assert.Throws<DomainRuleException>(() => AbsenceReport.Submit(Child(new DateOnly(2014, 1, 1)), "cr1-x", "school-a",
            AbsenceKind.LongTermRelative, new DateOnly(2026, 11, 10), null, null, Now));
        Assert.Equal("firstAbsentOn", error.Field);
    }

    // RULES.md §1-2: langdurig relatief verzuim is more than 4 consecutive (school) weeks from the first to the last absent day,
    // or today while it goes on; counted in calendar weeks, the service having no school calendar yet.
    [Theory]
    [InlineData("2026-10-26", null, true)]          // ongoing, 31 days to today
    [InlineData("2026-10-29", null, false)]         // ongoing, exactly 4 weeks (28 days) to today: not more
    [InlineData("2026-10-28", null, true)]          // 29 days
    [InlineData("2026-10-20", "2026-10-22", false)] // three days of absence a month ago
    [InlineData("2026-09-01", "2026-09-28", false)] // 4 weeks exactly, ended
    [InlineData("2026-09-01", "2026-10-15", true)]  // six weeks, ended
    public void Long_term_relative_absence_is_more_than_four_consecutive_weeks_from_first_to_last_absent_day(string first, string? last, bool accepted)
    {
        AbsenceReport Submit() => AbsenceReport.Submit(Child(new DateOnly(2014, 1, 1)), "cr1-x", "school-a", AbsenceKind.LongTermRelative,
            DateOnly.Parse(first), last is null ? null : DateOnly.Parse(last), null, Now);
        if (accepted) Assert.Equal(AbsenceKind.LongTermRelative, Submit().Kind);
        else Assert.Contains("RULES.md §1-2", Assert.Throws<DomainRuleException>(Submit).Message);
    }

    [Fact]
    public void A_report_moves_registered_to_in_progress_to_closed_and_refuses_the_rest()
    {
        var report = AbsenceReport.Submit(Child(new DateOnly(2014, 1, 1)), "cr1-x", "school-a", AbsenceKind.LongTermRelative, new DateOnly(2026, 9, 1), null, null, Now);
        report.PickUp();
        Assert.Throws<IllegalTransitionException>(() => report.Withdraw(Now));
        Assert.Throws<IllegalTransitionException>(report.PickUp);
        // RULES.md §1: a closed long-term relative absence report needs its end date.
        Assert.Equal("lastAbsentOn", Assert.Throws<DomainRuleException>(() => report.Close("Back at school", Now)).Field);
        Assert.Equal(ReportStatus.InProgress, report.Status);
        report.Close("Back at school", Now, new DateOnly(2026, 11, 20));
        Assert.Equal(new DateOnly(2026, 11, 20), report.LastAbsentOn);
        Assert.Throws<IllegalTransitionException>(() => report.Close(null, Now));
        Assert.Equal(ReportStatus.Closed, report.Status);
    }

    [Fact]
    public void A_thuiszitter_escalates_once_and_a_resolved_case_refuses_every_move()
    {
        var @case = ThuiszitterCase.Register(Child(new DateOnly(2014, 1, 1)), "cr1-x", ThuiszitterKind.LongTermRelative, new DateOnly(2026, 8, 1), null, Now, Options);
        Assert.Equal(new DateOnly(2026, 11, 1), @case.EscalationDueOn);
        Assert.True(@case.IsEscalationDue(new DateOnly(2026, 11, 25)));
        @case.Escalate(Now);
        Assert.False(@case.IsEscalationDue(new DateOnly(2026, 11, 26)));
        Assert.Throws<IllegalTransitionException>(() => @case.Escalate(Now));

        @case.Resolve(ResolutionReason.AttendingAgain, null, Now);
        Assert.Throws<IllegalTransitionException>(() => @case.Resolve(ResolutionReason.MovedAway, null, Now));
        Assert.Throws<IllegalTransitionException>(() => @case.RecordOffer("education", "x", new DateOnly(2026, 12, 1), Now));
        Assert.Throws<IllegalTransitionException>(() => @case.AssignOwner("x"));
    }

    [Fact]
    public void A_suitable_offer_stops_the_deadlines()
    {
        var @case = ThuiszitterCase.Register(Child(new DateOnly(2014, 1, 1)), "cr1-x", ThuiszitterKind.Absolute, new DateOnly(2026, 8, 1), null, Now, Options);
        @case.RecordOffer("combination", "Half days at school, half days care", new DateOnly(2026, 12, 1), Now);
        Assert.False(@case.IsEscalationDue(new DateOnly(2027, 1, 1)));
        Assert.False(@case.IsPlanOverdue(new DateOnly(2027, 1, 1)));
    }

    // RULES.md §2: suitable offer (start date D) → resolved only when the child has started, on D.
    [Fact]
    public void A_suitable_offer_does_not_resolve_the_case_before_its_start_date_RULES_2()
    {
        var @case = ThuiszitterCase.Register(Child(new DateOnly(2014, 1, 1)), "cr1-x", ThuiszitterKind.Absolute, new DateOnly(2026, 10, 1), null, Now, Options);
        @case.ClearPendingEvents();
        @case.RecordOffer("education", "Place at De Linde", new DateOnly(2026, 12, 9), Now);
        Assert.Equal((ThuiszitterStatus.Open, ThuiszitterStages.SuitableOffer), (@case.Status, @case.Stage));
        Assert.DoesNotContain(@case.PendingEvents, e => e is Platform.Contracts.Attendance.ThuiszitterResolved);
        Assert.False(@case.IsStartDue(new DateOnly(2026, 12, 8)));
        Assert.True(@case.IsStartDue(new DateOnly(2026, 12, 9)));
        @case.StartOrLapse(new DateTimeOffset(2026, 12, 9, 6, 0, 0, TimeSpan.Zero));
        Assert.Equal((ThuiszitterStatus.Resolved, ResolutionReason.OfferStarted), (@case.Status, @case.Resolution));
    }

    // RULES.md §2: an offer starting today or earlier: the child has started, resolved at once as today.
    [Fact]
    public void An_offer_starting_today_or_earlier_resolves_at_once_RULES_2()
    {
        var @case = ThuiszitterCase.Register(Child(new DateOnly(2014, 1, 1)), "cr1-x", ThuiszitterKind.Absolute, new DateOnly(2026, 10, 1), null, Now, Options);
        @case.RecordOffer("education", "Place at De Linde", new DateOnly(2026, 11, 25), Now);
        Assert.Equal((ThuiszitterStatus.Resolved, Now), (@case.Status, @case.ResolvedAt));
    }

    // RULES.md §2: new absence since the offer, or the placement cancelled: the offer lapses, the clocks run from the original dates.
    [Fact]
    public void An_offer_lapses_on_new_absence_or_a_cancelled_placement_and_the_original_clocks_run_again_RULES_2()
    {
        var @case = ThuiszitterCase.Register(Child(new DateOnly(2014, 1, 1)), "cr1-x", ThuiszitterKind.Absolute, new DateOnly(2026, 10, 1), null, Now, Options);
        @case.RecordOffer("education", "Place at De Linde", new DateOnly(2026, 12, 9), Now);
        @case.NoteAbsence(Now.AddDays(2));
        @case.StartOrLapse(new DateTimeOffset(2026, 12, 9, 6, 0, 0, TimeSpan.Zero));
        Assert.Equal((ThuiszitterStatus.Open, ThuiszitterStages.Thuiszitter, null), (@case.Status, @case.Stage, @case.Offer));
        Assert.Equal(new DateOnly(2027, 1, 1), @case.EscalationDueOn); // from the first day at home, never restarted
        Assert.True(@case.IsEscalationDue(new DateOnly(2027, 1, 1)));

        var placement = Guid.NewGuid();
        @case.RecordOffer("collective", "arrangement", new DateOnly(2026, 12, 20), Now, SuitableOffer.ByPlacement, placement);
        Assert.False(@case.RecordOffer("collective", "arrangement", new DateOnly(2026, 12, 20), Now, SuitableOffer.ByPlacement, placement)); // the same placement again
        Assert.False(@case.CancelPlacement(Guid.NewGuid(), Now)); // someone else's placement
        Assert.True(@case.CancelPlacement(placement, Now));
        Assert.False(@case.CancelPlacement(placement, Now)); // a repeat
        Assert.Equal((ThuiszitterStatus.Open, ThuiszitterStages.Thuiszitter), (@case.Status, @case.Stage));
        Assert.True(@case.IsPlanOverdue(new DateOnly(2026, 12, 24)));
    }

    public static TheoryData<string, ExpertStatement?, SwvAdvice?> Broken5a() => new()
    {
        { "statement", null, new SwvAdvice("swv-po", new DateOnly(2026, 11, 1), "positive") },
        { "statement.treatingProfessional", new ExpertStatement("doctor", "Dr. A", new DateOnly(2026, 11, 1), TreatingProfessional: true, Never: false), new SwvAdvice("swv-po", new DateOnly(2026, 11, 1), "positive") },
        { "statement.issuedOn", new ExpertStatement("doctor", "Dr. A", new DateOnly(2026, 7, 1), false, false), new SwvAdvice("swv-po", new DateOnly(2026, 11, 1), "positive") },
        { "swvAdvice", new ExpertStatement("doctor", "Dr. A", new DateOnly(2026, 11, 1), false, false), null },
    };

    [Theory]
    [MemberData(nameof(Broken5a))]
    public void A_5a_exemption_needs_a_recent_independent_statement_and_the_SWV_advice(string field, ExpertStatement? statement, SwvAdvice? advice)
    {
        var error = Assert.Throws<DomainRuleException>(() => Exemption.Grant(Child(new DateOnly(2014, 1, 1)), "cr1-x", ExemptionArticle.A5a,
            new DateOnly(2026, 11, 20), statement, advice, null, "gemeente-maastricht", Now, Options));
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void An_exemption_ends_with_the_school_year_unless_the_statement_says_never()
    {
        var yearly = Exemption.Grant(Child(new DateOnly(2014, 1, 1)), "cr1-x", ExemptionArticle.A5c, new DateOnly(2026, 11, 20), null, null,
            "Enrolled at the Lycée in Liège", "gemeente-maastricht", Now, Options);
        Assert.Equal((new DateOnly(2027, 7, 31), new DateOnly(2027, 7, 1)), (yearly.EndsOn, yearly.ReviewOn));

        var never = Exemption.Grant(Child(new DateOnly(2014, 1, 1)), "cr1-x", ExemptionArticle.A5a, new DateOnly(2026, 11, 20),
            new ExpertStatement("doctor", "Dr. A", new DateOnly(2026, 11, 1), false, Never: true), new SwvAdvice("swv-po", new DateOnly(2026, 11, 10), "positive"),
            null, "gemeente-maastricht", Now, Options);
        Assert.Equal(new DateOnly(2031, 12, 31), never.EndsOn);
    }
}
