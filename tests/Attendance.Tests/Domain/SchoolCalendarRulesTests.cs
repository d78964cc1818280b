using Platform.Attendance.Calendar;
using Platform.Attendance.Domain;
using Platform.Privacy;
using Platform.SharedKernel;

namespace Platform.Attendance.Tests.Domain;

/// <summary>
/// Issue #23 points 3 and 8: the school calendar (RULES.md §1: "4 consecutive school weeks, holidays don't count"), the 16-hour
/// counting and leave (verlof, art. 13a and 14), each test citing its RULES.md section.
/// </summary>
public sealed class SchoolCalendarRulesTests
{
    private static readonly SchoolCalendar Zuid = new(HolidayRegion.Zuid, SchoolHolidays.Official, []);
    private static readonly SchoolCalendar Noord = new(HolidayRegion.Noord, SchoolHolidays.Official, []);

    private static ChildDetails Child(DateOnly? dateOfBirth = null, string municipality = "GM0935")
    {
        Bsn.TryParse("111222333", out var bsn);
        return new ChildDetails(bsn, "Noah", "Smeets", dateOfBirth ?? new DateOnly(2014, 1, 1), municipality);
    }

    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 10, 0, 0, TimeSpan.Zero);
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    // ---- The calendar ----

    // RULES.md §1 (school weeks): the Easter-based holidays are computed, for any year, not read from a list that ends.
    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    [InlineData(2285, 3, 22)]
    public void Easter_is_computed_for_any_year_RULES_1(int year, int month, int day)
    {
        Assert.Equal(D(year, month, day), PublicHolidays.EasterSunday(year));
        var easter = D(year, month, day);
        Assert.Equal("tweede paasdag", PublicHolidays.NameOf(easter.AddDays(1)));
        Assert.Equal("hemelvaartsdag", PublicHolidays.NameOf(easter.AddDays(39)));
        Assert.Equal("tweede pinksterdag", PublicHolidays.NameOf(easter.AddDays(50)));
    }

    // RULES.md §1: King's Day is 27 April, Saturday the 26th when the 27th is a Sunday; Liberation Day every year as schools observe it.
    [Fact]
    public void Kings_Day_moves_off_a_Sunday_and_Liberation_Day_is_every_year_RULES_1()
    {
        Assert.Equal(DayOfWeek.Sunday, D(2025, 4, 27).DayOfWeek);
        Assert.Equal(D(2025, 4, 26), PublicHolidays.KingsDay(2025));
        Assert.Equal(D(2026, 4, 27), PublicHolidays.KingsDay(2026));
        Assert.Equal(D(2031, 4, 26), PublicHolidays.KingsDay(2031)); // 27 April 2031 is a Sunday too
        foreach (var year in new[] { 2026, 2027, 2028, 2029, 2030, 2041 })
        {
            Assert.Equal("bevrijdingsdag", PublicHolidays.NameOf(D(year, 5, 5)));
            Assert.Equal("nieuwjaarsdag", PublicHolidays.NameOf(D(year, 1, 1)));
            Assert.Equal("eerste kerstdag", PublicHolidays.NameOf(D(year, 12, 25)));
            Assert.Equal("tweede kerstdag", PublicHolidays.NameOf(D(year, 12, 26)));
        }
        Assert.Null(PublicHolidays.NameOf(D(2026, 4, 3))); // Good Friday: a school's own day off if it closes, not a public holiday
    }

    // RULES.md §1: the official school holidays per region as data, at least 2025-2026 and 2026-2027, each file with its source.
    [Fact]
    public void The_official_school_holidays_of_2025_2026_and_2026_2027_are_data_with_their_source_per_region_RULES_1()
    {
        Assert.Contains(2025, SchoolHolidays.Official.SchoolYearsKnown);
        Assert.Contains(2026, SchoolHolidays.Official.SchoolYearsKnown);
        Assert.All(SchoolHolidays.Official.Sources.Values, s => Assert.StartsWith("https://www.rijksoverheid.nl/", s));
        foreach (var region in Enum.GetValues<HolidayRegion>())
            foreach (var year in new[] { 2025, 2026 })
                Assert.Equal(["herfstvakantie", "kerstvakantie", "voorjaarsvakantie", "meivakantie", "zomervakantie"],
                    SchoolHolidays.Official.Of(region).Where(h => h.From.Year == year && h.From.Month >= 8 || h.From.Year == year + 1 && h.From.Month < 8)
                        .OrderBy(h => h.From).Select(h => h.Name));
        // Zuid's autumn holiday 2026 is 17-25 October; noord's a week earlier.
        Assert.Equal("herfstvakantie", Zuid.NoSchoolBecause(D(2026, 10, 19)));
        Assert.Null(Noord.NoSchoolBecause(D(2026, 10, 19)));
        Assert.Equal("herfstvakantie", Noord.NoSchoolBecause(D(2026, 10, 12)));
        Assert.Equal(D(2026, 8, 24), Zuid.FirstDayOfLessons(D(2026, 9, 15)));
        Assert.Null(Zuid.FirstDayOfLessons(D(2028, 9, 15))); // no data yet for 2028-2029
    }

    // RULES.md §1: "4 consecutive school weeks, holidays don't count": a holiday week is skipped, a week with a public holiday is not.
    [Fact]
    public void A_school_holiday_week_does_not_count_as_a_school_week_a_week_with_a_public_holiday_does_RULES_1()
    {
        // Monday 12 October to Friday 13 November 2026: 33 days, of which zuid's autumn week (19-25 October) is no school week.
        Assert.Equal(33 - 7, Zuid.SchoolWeekDays(D(2026, 10, 12), D(2026, 11, 13)));
        Assert.Equal(33, Noord.SchoolWeekDays(D(2026, 10, 19), D(2026, 11, 20)));
        Assert.True(Zuid.IsSchoolWeek(D(2027, 3, 29)));          // Easter Monday's week
        Assert.False(Zuid.IsSchoolDay(D(2027, 3, 29)));
        Assert.False(Zuid.IsSchoolWeek(D(2026, 12, 28)));        // Christmas holiday
        var withStudyWeek = new SchoolCalendar(HolidayRegion.Zuid, SchoolHolidays.Official,
            [D(2026, 11, 2), D(2026, 11, 3), D(2026, 11, 4), D(2026, 11, 5), D(2026, 11, 6)]);
        Assert.False(withStudyWeek.IsSchoolWeek(D(2026, 11, 4)));  // a school's own days off on top
        Assert.Equal("school-day-off", withStudyWeek.NoSchoolBecause(D(2026, 11, 4)));
        // Working days for the 5-day report term skip public holidays, not school holidays.
        Assert.Equal(D(2026, 12, 31), SchoolCalendar.AddWorkingDays(D(2026, 12, 23), 5));
        Assert.Equal(D(2026, 10, 23), SchoolCalendar.AddWorkingDays(D(2026, 10, 16), 5));
    }

    // RULES.md §1-2: langdurig relatief verzuim is more than 4 school weeks: an autumn holiday inside the absence does not count.
    [Fact]
    public void Long_term_relative_absence_counts_school_weeks_so_a_holiday_inside_does_not_make_it_long_RULES_1_2()
    {
        Assert.False(AbsenceReport.IsLongTermRelative(D(2026, 10, 12), D(2026, 11, 13), Zuid));
        Assert.True(AbsenceReport.IsLongTermRelative(D(2026, 10, 12), D(2026, 11, 13))); // without a calendar: calendar weeks
        Assert.True(AbsenceReport.IsLongTermRelative(D(2026, 10, 12), D(2026, 11, 16), Zuid));
    }

    // ---- The 16-hour report (RULES.md §1, "rules systems most often get wrong" 1) ----

    private static AbsenceReport Sixteen(DateOnly first, DateOnly last, DateTimeOffset now, params AbsenceReport[] previous) =>
        AbsenceReport.Submit(Child(), "cr1-x", "school-a", AbsenceKind.Unauthorised, first, last, 16, now, null, null,
            new AbsenceReport.Counting(Zuid, previous, []));

    // RULES.md §1: within 4 consecutive school weeks, holidays don't count; the first and the last absent day are school days.
    [Fact]
    public void Sixteen_hours_must_lie_within_4_school_weeks_holidays_excluded_RULES_1()
    {
        // 12 October to 13 November 2026 spans 5 calendar weeks but 4 school weeks in zuid (autumn holiday): accepted.
        var report = Sixteen(D(2026, 10, 12), D(2026, 11, 13), At(2026, 11, 16));
        Assert.Equal(D(2026, 11, 20), report.ReportDueOn);
        Assert.False(report.ReportedLate);
        var tooLong = Assert.Throws<DomainRuleException>(() => Sixteen(D(2026, 10, 12), D(2026, 11, 16), At(2026, 11, 17)));
        Assert.Equal("lastAbsentOn", tooLong.Field);
        Assert.Contains("RULES.md §1", tooLong.Message);
        var holiday = Assert.Throws<DomainRuleException>(() => Sixteen(D(2026, 10, 19), D(2026, 10, 30), At(2026, 11, 2)));
        Assert.Equal("firstAbsentOn", holiday.Field);
        Assert.Contains("herfstvakantie", holiday.Message);
    }

    // RULES.md §1: the counting restarts the day after the previous end date; continuous absence at most 1 report per 7 days, at most 4 repeats.
    [Fact]
    public void The_counting_restarts_after_the_previous_end_date_and_continuous_absence_repeats_at_most_4_times_7_days_apart_RULES_1()
    {
        var first = Sixteen(D(2026, 11, 2), D(2026, 11, 5), At(2026, 11, 6));
        var overlap = Assert.Throws<DomainRuleException>(() => Sixteen(D(2026, 11, 5), D(2026, 11, 12), At(2026, 11, 13), first));
        Assert.Equal("firstAbsentOn", overlap.Field);
        Assert.Contains("restarts", overlap.Message);

        // Continuous (the next school day), but its end date only 4 days after the previous one: refused.
        var tooSoon = Assert.Throws<DomainRuleException>(() => Sixteen(D(2026, 11, 6), D(2026, 11, 9), At(2026, 11, 10), first));
        Assert.Equal("lastAbsentOn", tooSoon.Field);
        Assert.Contains("7 calendar days", tooSoon.Message);

        var chain = new List<AbsenceReport> { first };
        var end = D(2026, 11, 5);
        for (var repeat = 1; repeat <= AbsenceReport.MaximumRepeats; repeat++)
        {
            var start = end.AddDays(end.DayOfWeek == DayOfWeek.Friday ? 3 : 1);
            end = end.AddDays(7);
            var next = Sixteen(start, end, At(end.Year, end.Month, end.Day), [.. chain]);
            Assert.Equal((repeat, chain[^1].Id), (next.RepeatNumber, next.RepeatOfId!.Value));
            chain.Add(next);
        }
        var fifth = Assert.Throws<DomainRuleException>(() => Sixteen(end.AddDays(1), end.AddDays(7), At(2026, 12, 18), [.. chain])); // Friday 4 to 10 December
        Assert.Equal("kind", fifth.Field);
        Assert.Contains("long-term-relative", fifth.Message);

        // A school day between (Friday 4 December): not continuous, a new first report.
        var fresh = Sixteen(end.AddDays(4), end.AddDays(5), At(2026, 12, 18), [.. chain]);
        Assert.Equal(0, fresh.RepeatNumber);
        Assert.Null(fresh.RepeatOfId);
    }

    // RULES.md §1: report within 5 working days after the 16 hours; a late report is accepted and flagged.
    [Fact]
    public void A_report_after_5_working_days_is_accepted_and_flagged_late_RULES_1()
    {
        var inTime = Sixteen(D(2026, 11, 2), D(2026, 11, 5), At(2026, 11, 12));
        Assert.Equal((D(2026, 11, 12), false), (inTime.ReportDueOn!.Value, inTime.ReportedLate));
        var late = Sixteen(D(2026, 11, 16), D(2026, 11, 19), At(2026, 11, 27));
        Assert.Equal((D(2026, 11, 26), true), (late.ReportDueOn!.Value, late.ReportedLate));
    }

    // RULES.md §1 (late reports are counted), issue #23 Monitoring: the event says whether the report came late, for the monitor's
    // late-absence-reports figure.
    [Fact]
    public void AbsenceReported_says_whether_the_report_came_late_RULES_1()
    {
        var inTime = Sixteen(D(2026, 11, 2), D(2026, 11, 5), At(2026, 11, 12));
        Assert.False(Assert.Single(inTime.PendingEvents.OfType<Platform.Contracts.Attendance.AbsenceReported>()).ReportedLate);
        var late = Sixteen(D(2026, 11, 16), D(2026, 11, 19), At(2026, 11, 27));
        Assert.True(Assert.Single(late.PendingEvents.OfType<Platform.Contracts.Attendance.AbsenceReported>()).ReportedLate);
    }

    // ---- Leave (RULES.md §1, art. 13a and 14) ----

    private static LeaveRequest Leave(LeaveArticle article, DateOnly first, DateOnly last, params LeaveRequest[] others) =>
        LeaveRequest.Request(Child(), "cr1-x", "school-a", article, first, last, "Family",
            article == LeaveArticle.Holiday13a ? new EmployerStatement("Hotel Kasteel", D(2026, 9, 1)) : null, article == LeaveArticle.Holiday13a,
            Zuid, others, At(2026, 9, 1));

    // RULES.md §1 (art. 13a): at most 10 school days, counted with the calendar, not in the first 2 weeks of the school year.
    [Fact]
    public void Vakantieverlof_is_at_most_10_school_days_and_not_in_the_first_two_weeks_of_the_school_year_RULES_1()
    {
        // 2-20 November 2026: 15 school days; 2-13 November: 10.
        var tooLong = Assert.Throws<DomainRuleException>(() => Leave(LeaveArticle.Holiday13a, D(2026, 11, 2), D(2026, 11, 20)));
        Assert.Contains("art. 13a", tooLong.Message);
        Assert.Equal(10, Leave(LeaveArticle.Holiday13a, D(2026, 11, 2), D(2026, 11, 13)).SchoolDays);
        // Around the autumn holiday: 12 October to 30 October counts 10 school days (the holiday week is none).
        Assert.Equal(10, Leave(LeaveArticle.Holiday13a, D(2026, 10, 12), D(2026, 10, 30)).SchoolDays);
        // Zuid's lessons start on 24 August 2026: the first two weeks run to 6 September.
        var early = Assert.Throws<DomainRuleException>(() => Leave(LeaveArticle.Holiday13a, D(2026, 9, 3), D(2026, 9, 11)));
        Assert.Equal("firstDay", early.Field);
        Assert.Contains("first 2 weeks", early.Message);
        Assert.Equal(5, Leave(LeaveArticle.Holiday13a, D(2026, 9, 7), D(2026, 9, 11)).SchoolDays);
    }

    // RULES.md §1 (art. 13a): once a school year, only when the parents' work prevents a holiday in the school holidays, with the employer's statement.
    [Fact]
    public void Vakantieverlof_is_once_a_school_year_and_needs_the_work_reason_and_the_employers_statement_RULES_1()
    {
        var granted = Leave(LeaveArticle.Holiday13a, D(2026, 11, 2), D(2026, 11, 6));
        granted.Decide(true, null, "school-a", At(2026, 9, 2));
        var again = Assert.Throws<DomainRuleException>(() => Leave(LeaveArticle.Holiday13a, D(2027, 3, 1), D(2027, 3, 5), granted));
        Assert.Equal("article", again.Field);
        Assert.Contains("once a school year", again.Message);
        Leave(LeaveArticle.Holiday13a, D(2027, 9, 13), D(2027, 9, 17), granted); // the next school year
        var noStatement = Assert.Throws<DomainRuleException>(() => LeaveRequest.Request(Child(), "cr1-x", "school-a", LeaveArticle.Holiday13a,
            D(2026, 11, 2), D(2026, 11, 6), "Holiday", null, true, Zuid, [], At(2026, 9, 1)));
        Assert.Equal("employerStatement", noStatement.Field);
        var noReason = Assert.Throws<DomainRuleException>(() => LeaveRequest.Request(Child(), "cr1-x", "school-a", LeaveArticle.Holiday13a,
            D(2026, 11, 2), D(2026, 11, 6), "Holiday", new EmployerStatement("Hotel", D(2026, 9, 1)), false, Zuid, [], At(2026, 9, 1)));
        Assert.Equal("workPreventsSchoolHoliday", noReason.Field);
    }

    // RULES.md §1 (art. 14): the head of school decides up to 10 school days, the leerplicht officer above; split requests count together.
    [Fact]
    public void Important_circumstances_above_10_school_days_go_to_the_leerplicht_officer_also_when_split_RULES_1()
    {
        var ten = Leave(LeaveArticle.ImportantCircumstances14, D(2026, 11, 2), D(2026, 11, 13));
        Assert.Equal((LeaveDecider.HeadOfSchool, (string?)null), (ten.Decider, ten.RoutedTo));
        var eleven = Leave(LeaveArticle.ImportantCircumstances14, D(2026, 11, 2), D(2026, 11, 16));
        Assert.Equal((LeaveDecider.LeerplichtOfficer, "GM0935"), (eleven.Decider, eleven.RoutedTo));
        // The day after the 10 days, joined without a school day between: together 11, the officer's.
        var joined = Leave(LeaveArticle.ImportantCircumstances14, D(2026, 11, 16), D(2026, 11, 16), ten);
        Assert.Equal((LeaveDecider.LeerplichtOfficer, 11), (joined.Decider, joined.SchoolDays));
        Assert.Throws<DomainRuleException>(() => Leave(LeaveArticle.ImportantCircumstances14, D(2026, 11, 13), D(2026, 11, 16), ten)); // overlaps
        var holidayOnly = Assert.Throws<DomainRuleException>(() => Leave(LeaveArticle.ImportantCircumstances14, D(2026, 10, 19), D(2026, 10, 23)));
        Assert.Contains("school days", holidayOnly.Message);
    }

    // RULES.md §1: leave taken without permission is luxe verzuim; granted leave is not.
    [Fact]
    public void Luxe_verzuim_names_the_refused_leave_and_is_refused_for_granted_leave_RULES_1()
    {
        var refused = Leave(LeaveArticle.Holiday13a, D(2026, 11, 2), D(2026, 11, 6));
        refused.Decide(false, "No employer's reason", "school-a", At(2026, 9, 2));
        var luxe = AbsenceReport.Submit(Child(), "cr1-x", "school-a", AbsenceKind.Luxury, D(2026, 11, 2), D(2026, 11, 6), 25, At(2026, 11, 9), null, null,
            new AbsenceReport.Counting(Zuid, [], [refused]));
        Assert.Equal(refused.Id, luxe.LeaveRequestId);

        var granted = Leave(LeaveArticle.ImportantCircumstances14, D(2026, 11, 16), D(2026, 11, 20));
        granted.Decide(true, null, "school-a", At(2026, 9, 2));
        var error = Assert.Throws<DomainRuleException>(() => AbsenceReport.Submit(Child(), "cr1-x", "school-a", AbsenceKind.Luxury, D(2026, 11, 16),
            D(2026, 11, 20), 25, At(2026, 11, 23), null, null, new AbsenceReport.Counting(Zuid, [], [granted])));
        Assert.Contains("RULES.md §1", error.Message);
    }
}
