using Platform.Attendance.Calendar;
using Platform.Contracts;
using Platform.Contracts.Attendance;
using Platform.Messaging.Outbox;

namespace Platform.Attendance.Domain;

/// <summary>The kinds of absence report (DUO verzuimregister; RULES.md §1).</summary>
public enum AbsenceKind
{
    /// <summary>16 hours of unauthorised absence within 4 consecutive school weeks.</summary>
    Unauthorised,
    /// <summary>Langdurig relatief verzuim: enrolled, not attending for more than 4 weeks.</summary>
    LongTermRelative,
    /// <summary>Long-term sickness: authorised, the "grey zone": tracked, never a thuiszitter by itself.</summary>
    LongTermSickness,
    /// <summary>Luxe verzuim: holiday without leave; reported whatever the number of hours.</summary>
    Luxury,
    /// <summary>Overig verzuim: signal absence below the 16-hour threshold, or doubtful sickness (with a doubt).</summary>
    Other,
    /// <summary>RMC: a young person of 18 to 23 without a startkwalificatie; to the region's RMC contact municipality.</summary>
    Rmc,
    /// <summary>Schorsing: authorised absence, reported only when doubted (RULES.md §1).</summary>
    Suspension,
}

/// <summary>DUO's statuses: Geregistreerd, In behandeling, Afgesloten, Ingetrokken, Ter kennisgeving aangenomen.</summary>
public enum ReportStatus
{
    Registered,
    InProgress,
    Closed,
    Withdrawn,
    /// <summary>Ter kennisgeving aangenomen: the officer took note, no further action.</summary>
    Acknowledged,
}

public static class AbsenceNames
{
    public static readonly IReadOnlyDictionary<string, AbsenceKind> Kinds = new Dictionary<string, AbsenceKind>
    {
        ["unauthorised"] = AbsenceKind.Unauthorised,
        ["long-term-relative"] = AbsenceKind.LongTermRelative,
        ["long-term-sickness"] = AbsenceKind.LongTermSickness,
        ["luxury"] = AbsenceKind.Luxury,
        ["other"] = AbsenceKind.Other,
        ["rmc"] = AbsenceKind.Rmc,
        ["suspension"] = AbsenceKind.Suspension,
    };

    public static string Name(this AbsenceKind kind) => Kinds.First(k => k.Value == kind).Key;

    public static string Name(this ReportStatus status) => status switch
    {
        ReportStatus.Registered => "registered",
        ReportStatus.InProgress => "in-progress",
        ReportStatus.Closed => "closed",
        ReportStatus.Acknowledged => "acknowledged",
        _ => "withdrawn",
    };
}

/// <summary>
/// Verzuimmelding: a school's report of a pupil's absence, routed to the leerplicht officers of
/// the child's home municipality (RMC: the region's RMC contact municipality). Registered → in progress
/// (an officer picked it up) → closed or acknowledged (ter kennisgeving aangenomen); the school may
/// withdraw it while it is still only registered.
/// </summary>
public sealed class AbsenceReport : IRecordsIntegrationEvents
{
    /// <summary>The statutory threshold: 16 hours within 4 school weeks.</summary>
    public const int ThresholdHours = 16;

    /// <summary>At most the lessons of 4 school weeks (a generous 40 hours a week).</summary>
    public const int MaximumHours = 160;

    /// <summary>Langdurig relatief verzuim: more than this many consecutive weeks of absence (RULES.md §1, §2).</summary>
    public const int LongTermRelativeWeeks = 4;

    public const string LongTermRelativeRule =
        "RULES.md §1-2 (langdurig relatief verzuim): more than 4 consecutive school weeks of absence, from the first to the last absent day "
        + "(or today while it goes on), counted in school weeks of the school's calendar: school holiday weeks do not count.";

    public const string SixteenHourWindowRule =
        "RULES.md §1 (16 uur in 4 weken): at least 16 hours of unauthorised absence within 4 consecutive school weeks (holidays don't count), "
        + "from the first absent day to the day the 16 hours are reached; both are school days.";

    public const string RestartRule =
        "RULES.md §1 (16 uur in 4 weken): the counting restarts the day after the previous report's end date; absence already reported is not counted again.";

    public const string ContinuousRule =
        "RULES.md §1 (16 uur in 4 weken): while the absence is continuous, at most 1 report per 7 calendar days (end date at least 7 days after the previous report's) and at most 4 repeats.";

    /// <summary>Report within 5 working days after the 16 hours are reached (RULES.md §1); a later report is accepted and flagged.</summary>
    public const int ReportWithinWorkingDays = 5;

    /// <summary>While the absence is continuous: at most 4 repeats of the first report, each at least 7 calendar days on (RULES.md §1).</summary>
    public const int MaximumRepeats = 4;
    public const int RepeatAfterDays = 7;

    public const string AuthorisedUnlessDoubtedRule =
        "RULES.md §1 (sickness and suspension are authorised absence, not reported unless doubted): a suspension is reported only with the doubt that makes it reportable (field doubt).";

    public const string OtherBelowThresholdRule =
        "RULES.md §1 (overig verzuim): signal absence below the threshold, or doubtful sickness; 16 hours or more of unauthorised absence within 4 school weeks is a 16-hour report (kind unauthorised).";

    public const string RmcRule = "RULES.md §1 (RMC): a young person from 18 to 23 (the day before the 23rd birthday) without a startkwalificatie.";

    /// <summary>
    /// RULES.md §1-2: more than 4 consecutive school weeks from the first to the last absent day, both counted, in the school's
    /// calendar: the days of school holiday weeks do not count (<see cref="SchoolCalendar.SchoolWeekDays"/>).
    /// </summary>
    public static bool IsLongTermRelative(DateOnly firstAbsentOn, DateOnly lastAbsentOn, SchoolCalendar? calendar = null) =>
        (calendar ?? SchoolCalendar.WithoutSchoolHolidays).SchoolWeekDays(firstAbsentOn, lastAbsentOn) > 7 * LongTermRelativeWeeks;

    /// <summary>RMC (RULES.md §1): from the 18th birthday to the day before the 23rd.</summary>
    /// <summary>
    /// The grey zone's review date lies at most this far ahead: a platform bound, not law, so that a far-off date cannot take a
    /// long-term sick child out of sight (RULES.md §2: the grey zone is tracked).
    /// </summary>
    public const int MaximumReviewWeeks = 26;

    private static void RequireReviewDate(string field, DateOnly review, DateOnly today)
    {
        if (review <= today || review > today.AddDays(7 * MaximumReviewWeeks))
            throw new DomainRuleException(field, $"A review date after today and at most {MaximumReviewWeeks} weeks ahead (the grey zone stays in sight, RULES.md §2).");
    }

    public static bool RmcAppliesOn(DateOnly dateOfBirth, DateOnly day) => day >= dateOfBirth.AddYears(18) && day < dateOfBirth.AddYears(23);

    private readonly List<IIntegrationEvent> _events = [];

    public Guid Id { get; private set; }
    public ChildDetails Child { get; private set; } = null!;
    public string ChildReference { get; private set; } = "";
    public string SchoolOrganisationId { get; private set; } = "";
    /// <summary>The municipality whose officers handle the report: the home municipality, for RMC the region's RMC contact municipality.</summary>
    public string RoutedTo { get; private set; } = "";
    public AbsenceKind Kind { get; private set; }
    public DateOnly FirstAbsentOn { get; private set; }
    public DateOnly? LastAbsentOn { get; private set; }
    public int? Hours { get; private set; }
    /// <summary>Why authorised absence (suspension) or sickness (overig verzuim) is doubted: what makes it reportable.</summary>
    public string? Doubt { get; private set; }
    /// <summary>Grey zone (long-term sickness): when the officer and the school look at it again.</summary>
    public DateOnly? ReviewOn { get; private set; }
    public DateTimeOffset? ReviewDueRaisedAt { get; private set; }
    public string? ReviewNote { get; private set; }
    /// <summary>Long-term sickness: partly ill, able to attend partly under a plan (RULES.md §2; counted as thuiszitter where the region says so).</summary>
    public bool PartlyAbleUnderPlan { get; private set; }
    public ReportStatus Status { get; private set; }
    public string? ClosingNote { get; private set; }
    public DateTimeOffset ReportedAt { get; private set; }
    /// <summary>16-hour report: the last day to report it, 5 working days after the 16 hours were reached (RULES.md §1).</summary>
    public DateOnly? ReportDueOn { get; private set; }
    /// <summary>Reported after <see cref="ReportDueOn"/>: accepted, flagged and counted (RULES.md §1).</summary>
    public bool ReportedLate { get; private set; }
    /// <summary>16-hour report on continuous absence: the report it repeats (the previous one of the chain), and its number in the chain (1-4).</summary>
    public Guid? RepeatOfId { get; private set; }
    public int RepeatNumber { get; private set; }
    /// <summary>Luxe verzuim: the leave request for these days that was refused or not yet granted (RULES.md §1: leave taken without permission).</summary>
    public Guid? LeaveRequestId { get; private set; }
    /// <summary>When it was closed, acknowledged or withdrawn: its retention term counts from here.</summary>
    public DateTimeOffset? FinishedAt { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyList<IIntegrationEvent> PendingEvents => _events;
    public void ClearPendingEvents() => _events.Clear();

    private AbsenceReport() { }

    /// <summary>What a school says beyond the basics: the doubt, and for long-term sickness the review date and the plan.</summary>
    public sealed record Details(string? Doubt = null, DateOnly? ReviewOn = null, bool PartlyAbleUnderPlan = false);

    /// <summary>
    /// What the counting needs beyond the report: the reporting school's calendar; its earlier 16-hour reports of the child (not
    /// withdrawn); the child's leave requests (luxe verzuim).
    /// </summary>
    public sealed record Counting(SchoolCalendar Calendar, IReadOnlyList<AbsenceReport> PreviousSixteenHourReports, IReadOnlyList<LeaveRequest> Leave)
    {
        public static Counting None { get; } = new(SchoolCalendar.WithoutSchoolHolidays, [], []);
    }

    public static AbsenceReport Submit(ChildDetails child, string childReference, string school, AbsenceKind kind,
        DateOnly firstAbsentOn, DateOnly? lastAbsentOn, int? hours, DateTimeOffset now, AttendanceOptions? options = null, Details? details = null,
        Counting? counting = null)
    {
        options ??= new AttendanceOptions();
        details ??= new Details();
        counting ??= Counting.None;
        var calendar = counting.Calendar;
        var today = DutchTime.DateOf(now);
        if (kind == AbsenceKind.Rmc)
        {
            if (!RmcAppliesOn(child.DateOfBirth, firstAbsentOn)) throw new DomainRuleException("child.dateOfBirth", RmcRule);
        }
        else if (!CompulsorySchooling.AppliesOn(child.DateOfBirth, firstAbsentOn))
            throw new DomainRuleException("child.dateOfBirth", "The child was not of compulsory school age (leerplicht or kwalificatieplicht) on the first day of absence.");
        if (firstAbsentOn > today) throw new DomainRuleException("firstAbsentOn", "Cannot be in the future.");
        if (lastAbsentOn is { } last && (last < firstAbsentOn || last > today))
            throw new DomainRuleException("lastAbsentOn", "Between firstAbsentOn and today.");
        switch (kind)
        {
            case AbsenceKind.Unauthorised when hours is not (>= ThresholdHours and <= MaximumHours):
                throw new DomainRuleException("hours", $"A 16-hour report needs {ThresholdHours} to {MaximumHours} hours of unauthorised absence.");
            case AbsenceKind.Unauthorised when lastAbsentOn is null:
                throw new DomainRuleException("lastAbsentOn", "The day the 16 hours were reached is required.");
            case AbsenceKind.LongTermRelative when !IsLongTermRelative(firstAbsentOn, lastAbsentOn ?? today, calendar):
                throw new DomainRuleException(lastAbsentOn is null ? "firstAbsentOn" : "lastAbsentOn", LongTermRelativeRule);
            case AbsenceKind.Suspension when details.Doubt is null:
                throw new DomainRuleException("doubt", AuthorisedUnlessDoubtedRule);
            case AbsenceKind.Other when hours >= ThresholdHours && details.Doubt is null:
                throw new DomainRuleException("hours", OtherBelowThresholdRule);
        }
        if (details.Doubt is not null && kind is not (AbsenceKind.Suspension or AbsenceKind.Other))
            throw new DomainRuleException("doubt", "Only a suspension or overig verzuim (doubtful sickness) is reported with a doubt (RULES.md §1).");
        if (kind != AbsenceKind.LongTermSickness && (details.ReviewOn is not null || details.PartlyAbleUnderPlan))
            throw new DomainRuleException(details.ReviewOn is not null ? "reviewOn" : "partlyAbleUnderPlan", "Only for long-term sickness (the grey zone, RULES.md §2).");
        if (details.ReviewOn is { } review) RequireReviewDate("reviewOn", review, today);
        if (hours is < 0 or > MaximumHours) throw new DomainRuleException("hours", $"From 0 to {MaximumHours}.");
        var sixteen = kind == AbsenceKind.Unauthorised ? CheckSixteenHours(firstAbsentOn, lastAbsentOn!.Value, today, counting) : default;
        Guid? leaveRequestId = null;
        if (kind == AbsenceKind.Luxury)
        {
            var until = lastAbsentOn ?? today;
            if (counting.Leave.Any(l => l.CoversSchoolDays(firstAbsentOn, until, calendar)))
                throw new DomainRuleException("firstAbsentOn", "RULES.md §1 (verlof, art. 13a/14): leave was granted for these days: authorised absence, not luxe verzuim.");
            // Leave taken without permission is luxe verzuim: the request refused (or never decided) for these days is named.
            leaveRequestId = counting.Leave.Where(l => l.Status != LeaveStatus.Granted && l.FirstDay <= until && l.LastDay >= firstAbsentOn)
                .OrderByDescending(l => l.Status == LeaveStatus.Refused).ThenByDescending(l => l.RequestedAt).Select(l => (Guid?)l.Id).FirstOrDefault();
        }
        var routedTo = child.HomeMunicipality;
        if (kind == AbsenceKind.Rmc)
            routedTo = options.RmcContactMunicipality
                ?? throw new DomainRuleException("kind", "RULES.md §1 (RMC): this region has no RMC contact municipality configured (Attendance:RmcContactMunicipality).");

        var report = new AbsenceReport
        {
            Id = Guid.CreateVersion7(now),
            Child = child,
            ChildReference = childReference,
            SchoolOrganisationId = school,
            RoutedTo = routedTo,
            Kind = kind,
            FirstAbsentOn = firstAbsentOn,
            LastAbsentOn = lastAbsentOn,
            Hours = hours,
            Doubt = details.Doubt,
            ReviewOn = kind == AbsenceKind.LongTermSickness ? details.ReviewOn ?? today.AddDays(7 * options.SicknessReviewWeeks) : null,
            PartlyAbleUnderPlan = details.PartlyAbleUnderPlan,
            Status = ReportStatus.Registered,
            ReportedAt = now,
            ReportDueOn = sixteen.DueOn,
            ReportedLate = sixteen.Late,
            RepeatOfId = sixteen.RepeatOf,
            RepeatNumber = sixteen.RepeatNumber,
            LeaveRequestId = leaveRequestId,
        };
        report._events.Add(new AbsenceReported(report.Id, childReference, child.HomeMunicipality, school, kind.Name(), firstAbsentOn, now, routedTo,
            ReportedLate: report.ReportedLate));
        return report;
    }

    private readonly record struct SixteenHours(DateOnly? DueOn, bool Late, Guid? RepeatOf, int RepeatNumber);

    /// <summary>
    /// RULES.md §1 (16 uur in 4 weken; "rules systems most often get wrong", 1): school weeks only, the restart after the previous
    /// end date, at most 1 report per 7 days while continuous (at most 4 repeats), report within 5 working days (a late one is
    /// accepted and flagged).
    /// </summary>
    private static SixteenHours CheckSixteenHours(DateOnly first, DateOnly last, DateOnly today, Counting counting)
    {
        var calendar = counting.Calendar;
        if (!calendar.IsSchoolDay(first))
            throw new DomainRuleException("firstAbsentOn", $"{SixteenHourWindowRule} {first:yyyy-MM-dd} is no school day ({calendar.NoSchoolBecause(first)}).");
        if (!calendar.IsSchoolDay(last))
            throw new DomainRuleException("lastAbsentOn", $"{SixteenHourWindowRule} {last:yyyy-MM-dd} is no school day ({calendar.NoSchoolBecause(last)}).");
        if (calendar.SchoolWeekDays(first, last) > 7 * LongTermRelativeWeeks)
            throw new DomainRuleException("lastAbsentOn", $"{SixteenHourWindowRule} From {first:yyyy-MM-dd} to {last:yyyy-MM-dd} is more than 4 school weeks.");

        var overlapping = counting.PreviousSixteenHourReports.FirstOrDefault(r => r.FirstAbsentOn <= last && r.LastAbsentOn >= first);
        if (overlapping is not null)
            throw new DomainRuleException("firstAbsentOn", $"{RestartRule} An earlier report counts {overlapping.FirstAbsentOn:yyyy-MM-dd} to {overlapping.LastAbsentOn:yyyy-MM-dd}.");
        var previous = counting.PreviousSixteenHourReports.Where(r => r.LastAbsentOn < first).OrderByDescending(r => r.LastAbsentOn).FirstOrDefault();
        Guid? repeatOf = null;
        var repeatNumber = 0;
        if (previous is not null)
        {
            var previousEnd = previous.LastAbsentOn!.Value;
            if (!calendar.AnySchoolDayBetween(previousEnd, first))
            {
                // Continuous absence: this report repeats the previous one.
                if (last.DayNumber - previousEnd.DayNumber < RepeatAfterDays)
                    throw new DomainRuleException("lastAbsentOn", $"{ContinuousRule} The previous report ends on {previousEnd:yyyy-MM-dd}.");
                if (previous.RepeatNumber >= MaximumRepeats)
                    throw new DomainRuleException("kind", $"{ContinuousRule} This absence was reported {MaximumRepeats} times again already: absence that goes on is langdurig relatief verzuim (kind long-term-relative).");
                repeatOf = previous.Id;
                repeatNumber = previous.RepeatNumber + 1;
            }
        }
        var dueOn = SchoolCalendar.AddWorkingDays(last, ReportWithinWorkingDays);
        return new SixteenHours(dueOn, today > dueOn, repeatOf, repeatNumber);
    }

    public void PickUp()
    {
        if (Status != ReportStatus.Registered) throw new IllegalTransitionException($"Only a registered report can be picked up; this one is {Status.Name()}.");
        Status = ReportStatus.InProgress;
    }

    /// <summary>Whether the absence still goes on (no last absent day): only then does long-term relative absence make a thuiszitter.</summary>
    public bool IsOngoing => LastAbsentOn is null;

    private bool IsOpen => Status is ReportStatus.Registered or ReportStatus.InProgress;

    /// <summary>
    /// RULES.md §2: partly ill but able to attend partly under a plan, at home for more than 4 weeks and still: a thuiszitter only
    /// where the region counts these (<see cref="AttendanceOptions.CountPartlyIllAsThuiszitters"/>); otherwise the grey zone.
    /// </summary>
    public bool CountsAsPartlyIllThuiszitter(DateOnly today, AttendanceOptions options, SchoolCalendar? calendar = null) =>
        options.CountPartlyIllAsThuiszitters && Kind == AbsenceKind.LongTermSickness && PartlyAbleUnderPlan && IsOpen && IsOngoing
        && IsLongTermRelative(FirstAbsentOn, today, calendar);

    /// <summary>Closes the report; long-term relative absence needs its end date (RULES.md §1), given here when the report had none.</summary>
    public void Close(string? note, DateTimeOffset now, DateOnly? lastAbsentOn = null, SchoolCalendar? calendar = null)
    {
        if (!IsOpen) throw new IllegalTransitionException($"A {Status.Name()} report cannot be closed.");
        if (lastAbsentOn is { } last)
        {
            if (LastAbsentOn is not null && LastAbsentOn != last)
                throw new DomainRuleException("lastAbsentOn", "The report already has its last absent day.");
            if (last < FirstAbsentOn || last > DutchTime.DateOf(now))
                throw new DomainRuleException("lastAbsentOn", "Between firstAbsentOn and today.");
            if (Kind == AbsenceKind.LongTermRelative && !IsLongTermRelative(FirstAbsentOn, last, calendar))
                throw new DomainRuleException("lastAbsentOn", LongTermRelativeRule);
            LastAbsentOn = last;
        }
        if (Kind == AbsenceKind.LongTermRelative && LastAbsentOn is null)
            throw new DomainRuleException("lastAbsentOn", "RULES.md §1: a closed long-term relative absence report needs its end date (the last absent day).");
        Finish(ReportStatus.Closed, note, now);
    }

    /// <summary>
    /// DUO's "Ter kennisgeving aangenomen" (RULES.md §1): the officer takes note without further action. Not for long-term relative
    /// absence: that child is a thuiszitter matter, and its report closes with its end date.
    /// </summary>
    public void Acknowledge(string? note, DateTimeOffset now)
    {
        if (!IsOpen) throw new IllegalTransitionException($"A {Status.Name()} report cannot be acknowledged.");
        if (Kind == AbsenceKind.LongTermRelative)
            throw new DomainRuleException("kind", "RULES.md §1-2: long-term relative absence is not merely taken note of: the child is a thuiszitter, and the report closes with its end date.");
        Finish(ReportStatus.Acknowledged, note, now);
    }

    public void Withdraw(DateTimeOffset now)
    {
        if (Status != ReportStatus.Registered) throw new IllegalTransitionException($"Only a report no officer picked up yet can be withdrawn; this one is {Status.Name()}.");
        Finish(ReportStatus.Withdrawn, null, now);
    }

    private void Finish(ReportStatus status, string? note, DateTimeOffset now)
    {
        Status = status;
        ClosingNote = note;
        FinishedAt = now;
        _events.Add(new AbsenceReportFinished(Id, Child.HomeMunicipality, Kind.Name(), status.Name(), LastAbsentOn, now));
    }

    /// <summary>Grey zone: the review date of an open long-term sickness report has come. Once per review date.</summary>
    public bool IsReviewDue(DateOnly today) =>
        Kind == AbsenceKind.LongTermSickness && IsOpen && ReviewDueRaisedAt is null && ReviewOn is { } review && review <= today;

    public void RaiseReviewDue(DateTimeOffset now)
    {
        ReviewDueRaisedAt = now;
        _events.Add(new LongTermSicknessReviewDue(Id, Child.HomeMunicipality, SchoolOrganisationId, ReviewOn!.Value, now));
    }

    /// <summary>The officer reviewed the long-term sickness with the school: the next review date, and whether a plan now lets the child attend partly.</summary>
    public void Review(DateOnly nextReviewOn, bool? partlyAbleUnderPlan, string? note, DateTimeOffset now)
    {
        if (Kind != AbsenceKind.LongTermSickness)
            throw new DomainRuleException("kind", "Only a long-term sickness report (the grey zone, RULES.md §2) has reviews.");
        if (!IsOpen) throw new IllegalTransitionException($"A {Status.Name()} report is not reviewed any more.");
        RequireReviewDate("nextReviewOn", nextReviewOn, DutchTime.DateOf(now));
        ReviewOn = nextReviewOn;
        ReviewDueRaisedAt = null;
        if (partlyAbleUnderPlan is { } partly) PartlyAbleUnderPlan = partly;
        ReviewNote = note;
    }
}
