using Platform.Attendance.Calendar;

namespace Platform.Attendance.Domain;

/// <summary>The grounds of leave from school (verlof; RULES.md §1, Leerplichtwet art. 13a and 14).</summary>
public enum LeaveArticle
{
    /// <summary>Art. 13a vakantieverlof: the parents' work makes a holiday in the school holidays impossible.</summary>
    Holiday13a,
    /// <summary>Art. 14 gewichtige omstandigheden (important circumstances).</summary>
    ImportantCircumstances14,
}

public enum LeaveStatus { Requested, Granted, Refused }

/// <summary>Who decides (RULES.md §1): the head of school, or above 10 school days of art. 14 the leerplicht officer of the child's municipality.</summary>
public enum LeaveDecider { HeadOfSchool, LeerplichtOfficer }

public static class LeaveNames
{
    public static readonly IReadOnlyDictionary<string, LeaveArticle> Articles = new Dictionary<string, LeaveArticle>
    {
        ["13a"] = LeaveArticle.Holiday13a,
        ["14"] = LeaveArticle.ImportantCircumstances14,
    };

    public static string Name(this LeaveArticle article) => Articles.First(a => a.Value == article).Key;
    public static string Name(this LeaveStatus status) => status.ToString().ToLowerInvariant();
    public static string Name(this LeaveDecider decider) => decider == LeaveDecider.HeadOfSchool ? "head-of-school" : "leerplicht-officer";
}

/// <summary>The employer's statement a vakantieverlof request needs (art. 13a): that the parents cannot take a holiday in the school holidays.</summary>
public sealed record EmployerStatement(string Employer, DateOnly IssuedOn);

/// <summary>
/// A request for leave from school (verlof), recorded by the school for the parents (RULES.md §1): vakantieverlof (art. 13a: once
/// a school year, at most 10 school days, not in the first two weeks of the school year, only when the parents' work makes a
/// holiday in the school holidays impossible, with the employer's statement) or gewichtige omstandigheden (art. 14: the head of
/// school decides up to 10 school days, the leerplicht officer of the child's municipality above). Counted in school days.
/// </summary>
public sealed class LeaveRequest
{
    /// <summary>Art. 13a: at most 10 school days; art. 14: the head of school decides up to 10, the officer above.</summary>
    public const int MaximumHeadOfSchoolDays = 10;

    public const string Holiday13aRule =
        "RULES.md §1 (vakantieverlof, Leerplichtwet art. 13a): at most once a school year, at most 10 school days, not in the first 2 weeks of the school year, "
        + "only when the parents' work makes a holiday in the school holidays impossible (with the employer's statement).";

    public const string DeciderRule =
        "RULES.md §1 (Leerplichtwet art. 14): the head of school decides leave up to 10 school days, the leerplicht officer of the child's municipality above 10; "
        + "vakantieverlof (art. 13a) is the head of school's.";

    public Guid Id { get; private set; }
    public ChildDetails Child { get; private set; } = null!;
    public string ChildReference { get; private set; } = "";
    public string SchoolOrganisationId { get; private set; } = "";
    public LeaveArticle Article { get; private set; }
    public DateOnly FirstDay { get; private set; }
    public DateOnly LastDay { get; private set; }
    /// <summary>The school days the leave takes (with the school's calendar), the periods joined to it of the same child counted in for art. 14.</summary>
    public int SchoolDays { get; private set; }
    public string Reason { get; private set; } = "";
    public EmployerStatement? EmployerStatement { get; private set; }
    public LeaveDecider Decider { get; private set; }
    /// <summary>The municipality whose officers decide (art. 14 above 10 school days): the child's home municipality; null when the head of school decides.</summary>
    public string? RoutedTo { get; private set; }
    public LeaveStatus Status { get; private set; }
    public string? DecisionNote { get; private set; }
    public string? DecidedByOrganisationId { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public uint Version { get; private set; }

    private LeaveRequest() { }

    /// <summary>The parents' request, as the school records it. <paramref name="others"/>: the child's other leave requests that were not refused.</summary>
    public static LeaveRequest Request(ChildDetails child, string childReference, string school, LeaveArticle article, DateOnly firstDay, DateOnly lastDay,
        string reason, EmployerStatement? employerStatement, bool workPreventsSchoolHoliday, SchoolCalendar calendar, IReadOnlyList<LeaveRequest> others,
        DateTimeOffset now)
    {
        if (lastDay < firstDay) throw new DomainRuleException("lastDay", "On or after firstDay.");
        if (lastDay.DayNumber - firstDay.DayNumber > 366) throw new DomainRuleException("lastDay", "At most a year after firstDay.");
        if (!CompulsorySchooling.AppliesOn(child.DateOfBirth, firstDay))
            throw new DomainRuleException("child.dateOfBirth", "The child is not of compulsory school age on the first day of leave: no leave is needed.");
        var schoolDays = calendar.SchoolDays(firstDay, lastDay);
        if (schoolDays == 0)
            throw new DomainRuleException("firstDay", "RULES.md §1: leave is counted in school days, and these days hold none (school holidays, public holidays, the school's days off, weekends).");
        if (others.FirstOrDefault(o => o.Status != LeaveStatus.Refused && o.FirstDay <= lastDay && o.LastDay >= firstDay) is not null)
            throw new DomainRuleException("firstDay", "The child already has leave requested or granted on some of these days.");

        var decider = LeaveDecider.HeadOfSchool;
        if (article == LeaveArticle.Holiday13a)
        {
            if (schoolDays > MaximumHeadOfSchoolDays)
                throw new DomainRuleException("lastDay", $"{Holiday13aRule} This leave takes {schoolDays} school days.");
            var lessonsStart = calendar.FirstDayOfLessons(firstDay)
                ?? throw new DomainRuleException("firstDay", $"{Holiday13aRule} The platform has no school holiday data for this school year, so the first two weeks cannot be checked (docs/attendance.md: adding a school year).");
            if (firstDay <= lessonsStart.AddDays(13) && lastDay >= lessonsStart)
                throw new DomainRuleException("firstDay", $"{Holiday13aRule} The school year's first two weeks run from {lessonsStart:yyyy-MM-dd} to {lessonsStart.AddDays(13):yyyy-MM-dd}.");
            if (!workPreventsSchoolHoliday)
                throw new DomainRuleException("workPreventsSchoolHoliday", $"{Holiday13aRule} Only when the parents' work makes a holiday in the school holidays impossible.");
            if (employerStatement is null)
                throw new DomainRuleException("employerStatement", $"{Holiday13aRule} The employer's statement is required.");
            if (employerStatement.IssuedOn > DutchTime.DateOf(now))
                throw new DomainRuleException("employerStatement.issuedOn", "Cannot be in the future.");
            var year = SchoolHolidays.SchoolYearOf(firstDay);
            if (others.Any(o => o.Article == LeaveArticle.Holiday13a && o.Status != LeaveStatus.Refused && SchoolHolidays.SchoolYearOf(o.FirstDay) == year))
                throw new DomainRuleException("article", $"{Holiday13aRule} The child already has vakantieverlof requested or granted in school year {year}-{year + 1}.");
        }
        else
        {
            if (employerStatement is not null) throw new DomainRuleException("employerStatement", "Only for vakantieverlof (art. 13a).");
            // Joined periods count together, so that a long leave split into requests of 10 days or fewer still goes to the officer.
            var joined = schoolDays + Joined(firstDay, lastDay, others, calendar).Sum(o => o.SchoolDays);
            if (joined > MaximumHeadOfSchoolDays) { decider = LeaveDecider.LeerplichtOfficer; schoolDays = joined; }
        }

        return new LeaveRequest
        {
            Id = Guid.CreateVersion7(now),
            Child = child,
            ChildReference = childReference,
            SchoolOrganisationId = school,
            Article = article,
            FirstDay = firstDay,
            LastDay = lastDay,
            SchoolDays = schoolDays,
            Reason = reason,
            EmployerStatement = employerStatement,
            Decider = decider,
            RoutedTo = decider == LeaveDecider.LeerplichtOfficer ? child.HomeMunicipality : null,
            Status = LeaveStatus.Requested,
            RequestedAt = now,
        };
    }

    /// <summary>The child's art. 14 leave (requested or granted) that joins this period without a school day between, transitively.</summary>
    private static List<LeaveRequest> Joined(DateOnly first, DateOnly last, IReadOnlyList<LeaveRequest> others, SchoolCalendar calendar)
    {
        var candidates = others.Where(o => o.Article == LeaveArticle.ImportantCircumstances14 && o.Status != LeaveStatus.Refused).OrderBy(o => o.FirstDay).ToList();
        var joined = new List<LeaveRequest>();
        bool added;
        do
        {
            added = false;
            foreach (var o in candidates.Except(joined))
            {
                var touches = (o.LastDay < first && !calendar.AnySchoolDayBetween(o.LastDay, first)) || (o.FirstDay > last && !calendar.AnySchoolDayBetween(last, o.FirstDay));
                if (!touches) continue;
                joined.Add(o);
                if (o.FirstDay < first) first = o.FirstDay;
                if (o.LastDay > last) last = o.LastDay;
                added = true;
            }
        } while (added);
        return joined;
    }

    /// <summary>The decision, by the right person only (checked by the caller: <see cref="Decider"/>).</summary>
    public void Decide(bool granted, string? note, string organisationId, DateTimeOffset now)
    {
        if (Status != LeaveStatus.Requested) throw new IllegalTransitionException($"This leave request was {Status.Name()} already.");
        Status = granted ? LeaveStatus.Granted : LeaveStatus.Refused;
        DecisionNote = note;
        DecidedByOrganisationId = organisationId;
        DecidedAt = now;
    }

    /// <summary>Granted leave covering every school day of the span: that absence is authorised, not luxe verzuim (RULES.md §1).</summary>
    public bool CoversSchoolDays(DateOnly first, DateOnly last, SchoolCalendar calendar)
    {
        if (Status != LeaveStatus.Granted) return false;
        for (var day = first; day <= last; day = day.AddDays(1))
            if (calendar.IsSchoolDay(day) && (day < FirstDay || day > LastDay)) return false;
        return true;
    }
}
