using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Attendance.Calendar;
using Platform.Attendance.Domain;
using Platform.Attendance.Infrastructure;

namespace Platform.Attendance.Apis;

/// <summary>
/// The school calendar the counting uses (RULES.md §1: school weeks, school days): the official school holidays of the school's
/// holiday region, the public holidays, and the school's own days off, which the school records itself. No personal data.
/// </summary>
public static class SchoolCalendarApi
{
    /// <summary>The longest span one calendar answer covers.</summary>
    public const int MaximumDays = 400;

    public static IEndpointRouteBuilder MapSchoolCalendarApi(this IEndpointRouteBuilder app)
    {
        var calendar = app.MapGroup($"{AttendanceApi.Prefix}/school-calendar").WithTags("School calendar").RequireAuthorization().WithDomainProblems();
        calendar.MapGet("/", GetAsync).WithName("GetSchoolCalendar").ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("A school's calendar over a span: its holiday region, the weekdays without school and why, and the school days (RULES.md §1).");
        calendar.MapPost("/days-off", AddDayOffAsync).Accepts<SchoolDayOffRequest>("application/json")
            .WithName("AddSchoolDayOff").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("A school records one of its own days off (a study day) on top of the school holidays, ahead of time.");
        calendar.MapDelete("/days-off/{date}", RemoveDayOffAsync).WithName("RemoveSchoolDayOff")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A school removes one of its own days off that has not come yet.");
        return app;
    }

    private static async Task<Results<Ok<SchoolCalendarResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        [Description("The school (organisation id): a school's own by default; a leerplicht officer names one.")] string? school,
        [Description("First day (yyyy-MM-dd); default today.")] DateOnly? from,
        [Description("Last day (yyyy-MM-dd); default 4 weeks after from; at most 400 days after from.")] DateOnly? to,
        HttpContext http, SchoolCalendars calendars, TimeProvider clock, CancellationToken ct)
    {
        var tenant = Tenant.Of(http.User);
        if (!tenant.IsSchool && !tenant.IsMunicipality) return Tenant.Forbidden("schools and leerplicht officers");
        var v = new Validation();
        var of = school ?? (tenant.IsSchool ? tenant.OrganisationId : null);
        if (of is null) v.Add("school", "Required: the school's organisation id.");
        else if (of.Length > 100) v.Add("school", "At most 100 characters.");
        var first = from ?? DutchTime.DateOf(clock.GetUtcNow());
        var last = to ?? first.AddDays(27);
        if (last < first || last.DayNumber - first.DayNumber >= MaximumDays) v.Add("to", $"On or after from, at most {MaximumDays} days in all.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());

        var calendar = await calendars.ForAsync(of!, ct);
        var without = new List<DayWithoutSchool>();
        for (var day = first; day <= last; day = day.AddDays(1))
            if (calendar.NoSchoolBecause(day) is { } reason && reason != "weekend") without.Add(new DayWithoutSchool(day, reason));
        var known = SchoolHolidays.Official.SchoolYearsKnown;
        return TypedResults.Ok(new SchoolCalendarResponse(of!, calendar.Region.Name(), first, last, calendar.SchoolDays(first, last), without,
            [.. known.Select(y => $"{y}-{y + 1}")],
            SchoolHolidays.SchoolYearOf(first) is var y1 && SchoolHolidays.SchoolYearOf(last) is var y2 && Enumerable.Range(y1, y2 - y1 + 1).All(known.Contains)));
    }

    private static async Task<Results<Created<SchoolDayOffResponse>, ValidationProblem, ProblemHttpResult>> AddDayOffAsync(
        HttpRequest request, AttendanceDbContext db, SchoolCalendars calendars, TimeProvider clock, IOptions<AttendanceOptions> options)
    {
        var tenant = Tenant.Of(request.HttpContext.User);
        if (!tenant.IsSchool) return Tenant.Forbidden("the school itself");
        var (body, malformed) = await JsonBody.ReadAsync<SchoolDayOffRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (body!.Date is null) v.Add("date", "Required.");
        var reason = v.Required("reason", body.Reason, 200);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());

        var now = clock.GetUtcNow();
        var date = body.Date!.Value;
        var ct = request.HttpContext.RequestAborted;
        // Ahead of time only: a day off recorded afterwards would change the counting of absence and leave already reported
        // (RULES.md §1; a platform bound, not law).
        if (date < DutchTime.DateOf(now)) throw new DomainRuleException("date", "A school's own day off is recorded before it comes, not afterwards: it would change the counting of absence already reported (RULES.md §1).");
        if (await db.SchoolDaysOff.AnyAsync(d => d.SchoolOrganisationId == tenant.OrganisationId && d.Date == date, ct))
            return AlreadyOff(date);
        var calendar = await calendars.ForAsync(tenant.OrganisationId, ct);
        if (calendar.NoSchoolBecause(date) is { } already)
            throw new DomainRuleException("date", $"{date:yyyy-MM-dd} is no school day already ({already}).");
        var year = SchoolHolidays.SchoolYearOf(date);
        var (yearStart, yearEnd) = (new DateOnly(year, 8, 1), new DateOnly(year + 1, 7, 31));
        var inYear = await db.SchoolDaysOff.CountAsync(d => d.SchoolOrganisationId == tenant.OrganisationId && d.Date >= yearStart && d.Date <= yearEnd, ct);
        if (inYear >= options.Value.MaxSchoolDaysOffPerYear)
            throw new DomainRuleException("date", $"At most {options.Value.MaxSchoolDaysOffPerYear} own days off a school year (Attendance:MaxSchoolDaysOffPerYear, a platform bound).");

        var day = new SchoolDayOff(tenant.OrganisationId, date, reason!, now);
        db.SchoolDaysOff.Add(day);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return AlreadyOff(date);
        }
        return TypedResults.Created($"{AttendanceApi.Prefix}/school-calendar?from={date:yyyy-MM-dd}&to={date:yyyy-MM-dd}", SchoolDayOffResponse.From(day));
    }

    private static ProblemHttpResult AlreadyOff(DateOnly date) =>
        TypedResults.Problem(title: "Already a day off.", detail: $"{date:yyyy-MM-dd} is recorded as a day off already.", statusCode: StatusCodes.Status409Conflict);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RemoveDayOffAsync(
        [Description("The day off (yyyy-MM-dd).")] string date, HttpContext http, AttendanceDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var tenant = Tenant.Of(http.User);
        if (!tenant.IsSchool) return Tenant.Forbidden("the school itself");
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", out var day))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["date"] = ["A date: yyyy-MM-dd."] });
        var found = await db.SchoolDaysOff.FirstOrDefaultAsync(d => d.SchoolOrganisationId == tenant.OrganisationId && d.Date == day, ct);
        if (found is null)
            return TypedResults.Problem(title: "No such day off.", detail: $"Your school has no own day off on {day:yyyy-MM-dd}.", statusCode: StatusCodes.Status404NotFound);
        if (day < DutchTime.DateOf(clock.GetUtcNow()))
            throw new DomainRuleException("date", "A day off that has passed stays: the counting of absence and leave already used it (RULES.md §1).");
        db.SchoolDaysOff.Remove(found);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}

/// <summary>Body of <c>POST /school-calendar/days-off</c>: the day and why (a study day, a margin day).</summary>
public sealed record SchoolDayOffRequest(DateOnly? Date, string? Reason);

public sealed record SchoolDayOffResponse(string SchoolOrganisationId, DateOnly Date, string Reason, DateTimeOffset RecordedAt)
{
    public static SchoolDayOffResponse From(SchoolDayOff d) => new(d.SchoolOrganisationId, d.Date, d.Reason, d.RecordedAt);
}

/// <summary>A weekday without school: the school holiday's name (herfstvakantie ...), the public holiday's, or school-day-off.</summary>
public sealed record DayWithoutSchool(DateOnly Date, string Reason);

/// <summary>
/// A school's calendar over a span. <c>holidayDataComplete</c> is false when a school year of the span has no official holiday
/// data: its weeks then all count as school weeks.
/// </summary>
public sealed record SchoolCalendarResponse(
    string SchoolOrganisationId, string HolidayRegion, DateOnly From, DateOnly To, int SchoolDays, IReadOnlyList<DayWithoutSchool> DaysWithoutSchool,
    IReadOnlyList<string> SchoolYearsWithHolidayData, bool HolidayDataComplete);
