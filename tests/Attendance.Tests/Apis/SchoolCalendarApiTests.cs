using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.TestInfrastructure;

namespace Platform.Attendance.Tests.Apis;

/// <summary>
/// Issue #23 points 3 and 8 through the API, on a fake clock (Wednesday 25 November 2026, region zuid): the school calendar and a
/// school's own days off, the 16-hour counting in school weeks, long-term relative absence in school weeks, and leave decided by
/// the right person (RULES.md §1). Each refusal names its rule and leaves nothing written.
/// </summary>
public sealed class SchoolCalendarApiTests(TestServersFixture fixture) : LeerplichtRulesTestBase(fixture)
{
    protected override Dictionary<string, string?> Settings => new()
    {
        ["Attendance:RmcContactMunicipality"] = "GM0935",
        ["Attendance:HolidayRegion"] = "zuid",
        ["Attendance:SchoolHolidayRegions:school-noord"] = "noord",
    };

    private HttpClient OtherSchool => As("school-b", "school");

    private async Task<HttpResponseMessage> SixteenHoursAsync(HttpClient school, string bsn, string first, string last) =>
        await school.PostAsJsonAsync("/api/attendance/absence-reports", new { child = Child(bsn), kind = "unauthorised", firstAbsentOn = first, lastAbsentOn = last, hours = 16 }, Ct);

    private Task<int> ReportsOfAsync(string school) => InDbAsync(db => db.AbsenceReports.CountAsync(r => r.SchoolOrganisationId == school, Ct));

    // ---- Point 3: the calendar (RULES.md §1) ----

    // RULES.md §1: the region's holiday region (zuid for South Limburg), overridable per school; public holidays and school holidays named.
    [Fact]
    public async Task The_calendar_shows_the_schools_holiday_region_the_school_holidays_and_the_public_holidays_RULES_1()
    {
        var zuid = await ReadAsync(await School.GetAsync("/api/attendance/school-calendar?from=2026-10-12&to=2026-10-30", Ct), HttpStatusCode.OK);
        Assert.Equal(("zuid", 10, true), (zuid.GetProperty("holidayRegion").GetString(), zuid.GetProperty("schoolDays").GetInt32(), zuid.GetProperty("holidayDataComplete").GetBoolean()));
        Assert.Contains(zuid.GetProperty("daysWithoutSchool").EnumerateArray(), d => d.GetProperty("date").GetString() == "2026-10-19" && d.GetProperty("reason").GetString() == "herfstvakantie");

        var noord = await ReadAsync(await As("school-noord", "school").GetAsync("/api/attendance/school-calendar?from=2026-10-12&to=2026-10-30", Ct), HttpStatusCode.OK);
        Assert.Equal("noord", noord.GetProperty("holidayRegion").GetString());
        Assert.Contains(noord.GetProperty("daysWithoutSchool").EnumerateArray(), d => d.GetProperty("date").GetString() == "2026-10-12");

        var spring = await ReadAsync(await Maastricht.GetAsync("/api/attendance/school-calendar?school=school-a&from=2027-04-26&to=2027-05-14", Ct), HttpStatusCode.OK);
        var reasons = spring.GetProperty("daysWithoutSchool").EnumerateArray().ToDictionary(d => d.GetProperty("date").GetString()!, d => d.GetProperty("reason").GetString());
        Assert.Equal("meivakantie", reasons["2027-04-26"]);
        Assert.Equal("bevrijdingsdag", reasons["2027-05-05"]);
        Assert.Equal("hemelvaartsdag", reasons["2027-05-06"]);
        Assert.False((await ReadAsync(await School.GetAsync("/api/attendance/school-calendar?from=2028-09-01&to=2028-09-30", Ct), HttpStatusCode.OK))
            .GetProperty("holidayDataComplete").GetBoolean()); // 2028-2029 is not in the data yet

        await ReadAsync(await Maastricht.GetAsync("/api/attendance/school-calendar", Ct), HttpStatusCode.BadRequest); // an officer names the school
        await ReadAsync(await School.GetAsync("/api/attendance/school-calendar?from=2026-01-01&to=2027-12-31", Ct), HttpStatusCode.BadRequest);
    }

    // RULES.md §1: a school's own days off on top of the holidays, recorded by the school itself, ahead of time.
    [Fact]
    public async Task A_school_records_its_own_days_off_ahead_of_time_and_only_its_own_RULES_1()
    {
        var added = await ReadAsync(await School.PostAsJsonAsync("/api/attendance/school-calendar/days-off", new { date = "2026-12-07", reason = "Studiedag" }, Ct), HttpStatusCode.Created);
        Assert.Equal(("school-a", "2026-12-07"), (added.GetProperty("schoolOrganisationId").GetString(), added.GetProperty("date").GetString()));
        var calendar = await ReadAsync(await School.GetAsync("/api/attendance/school-calendar?from=2026-12-07&to=2026-12-11", Ct), HttpStatusCode.OK);
        Assert.Equal(4, calendar.GetProperty("schoolDays").GetInt32());
        Assert.Equal(5, (await ReadAsync(await OtherSchool.GetAsync("/api/attendance/school-calendar?from=2026-12-07&to=2026-12-11", Ct), HttpStatusCode.OK))
            .GetProperty("schoolDays").GetInt32()); // another school's calendar is not changed

        Assert.Equal(HttpStatusCode.Conflict, (await School.PostAsJsonAsync("/api/attendance/school-calendar/days-off", new { date = "2026-12-07", reason = "Again" }, Ct)).StatusCode);
        var backDated = await ReadAsync(await School.PostAsJsonAsync("/api/attendance/school-calendar/days-off", new { date = "2026-11-20", reason = "Studiedag" }, Ct), (HttpStatusCode)422);
        Assert.True(backDated.GetProperty("errors").TryGetProperty("date", out _));
        Assert.Contains("RULES.md §1", backDated.GetProperty("detail").GetString());
        await ReadAsync(await School.PostAsJsonAsync("/api/attendance/school-calendar/days-off", new { date = "2026-12-21", reason = "Kerst" }, Ct), (HttpStatusCode)422);
        await ReadAsync(await School.PostAsJsonAsync("/api/attendance/school-calendar/days-off", new { reason = "Studiedag" }, Ct), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Forbidden, (await Maastricht.PostAsJsonAsync("/api/attendance/school-calendar/days-off", new { date = "2026-12-08", reason = "x" }, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await OtherSchool.DeleteAsync("/api/attendance/school-calendar/days-off/2026-12-07", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await School.DeleteAsync("/api/attendance/school-calendar/days-off/2026-12-07", Ct)).StatusCode);
        Assert.Equal(0, await InDbAsync(db => db.SchoolDaysOff.CountAsync(Ct)));
    }

    // ---- Point 3: the 16-hour report (RULES.md §1) ----

    // RULES.md §1: within 4 school weeks, holidays don't count: zuid's autumn holiday inside the span is no school week.
    [Fact]
    public async Task A_16_hour_report_over_the_autumn_holiday_counts_school_weeks_and_a_weekend_day_is_refused_RULES_1()
    {
        var report = await ReadAsync(await SixteenHoursAsync(School, NewBsn(), "2026-10-12", "2026-11-13"), HttpStatusCode.Created);
        Assert.Equal("2026-11-20", report.GetProperty("reportDueOn").GetString());
        var tooLong = await ReadAsync(await SixteenHoursAsync(School, NewBsn(), "2026-10-09", "2026-11-13"), (HttpStatusCode)422);
        Assert.Contains("RULES.md §1", tooLong.GetProperty("detail").GetString());
        Assert.True(tooLong.GetProperty("errors").TryGetProperty("lastAbsentOn", out _));
        var weekend = await ReadAsync(await SixteenHoursAsync(School, NewBsn(), "2026-11-15", "2026-11-20"), (HttpStatusCode)422);
        Assert.True(weekend.GetProperty("errors").TryGetProperty("firstAbsentOn", out _));
        Assert.Equal(1, await ReportsOfAsync("school-a"));
    }

    // RULES.md §1: restart after the previous end date, at most 1 report per 7 days while continuous, late reports accepted, flagged and counted.
    [Fact]
    public async Task The_counting_restarts_after_the_previous_report_continuous_repeats_wait_7_days_and_late_reports_are_flagged_RULES_1()
    {
        var bsn = NewBsn();
        var late = await ReadAsync(await SixteenHoursAsync(School, bsn, "2026-11-02", "2026-11-05"), HttpStatusCode.Created);
        Assert.Equal(("2026-11-12", true), (late.GetProperty("reportDueOn").GetString(), late.GetProperty("reportedLate").GetBoolean()));

        var overlap = await ReadAsync(await SixteenHoursAsync(School, bsn, "2026-11-05", "2026-11-12"), (HttpStatusCode)422);
        Assert.Contains("restarts the day after the previous report's end date", overlap.GetProperty("detail").GetString());
        var tooSoon = await ReadAsync(await SixteenHoursAsync(School, bsn, "2026-11-06", "2026-11-10"), (HttpStatusCode)422);
        Assert.Contains("1 report per 7 calendar days", tooSoon.GetProperty("detail").GetString());
        var repeat = await ReadAsync(await SixteenHoursAsync(School, bsn, "2026-11-06", "2026-11-12"), HttpStatusCode.Created);
        Assert.Equal((late.GetProperty("id").GetGuid(), 1), (repeat.GetProperty("repeatOfId").GetGuid(), repeat.GetProperty("repeatNumber").GetInt32()));

        var inTime = await ReadAsync(await SixteenHoursAsync(School, NewBsn(), "2026-11-23", "2026-11-24"), HttpStatusCode.Created);
        Assert.False(inTime.GetProperty("reportedLate").GetBoolean());
        var lateList = await Maastricht.GetFromJsonAsync<JsonElement>("/api/attendance/absence-reports?late=true&limit=200", Ct);
        var ids = lateList.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(late.GetProperty("id").GetGuid(), ids);
        Assert.DoesNotContain(inTime.GetProperty("id").GetGuid(), ids);

        // Another school counts its own: its report of the same days is not refused by (nor tells it of) school-a's.
        await ReadAsync(await SixteenHoursAsync(OtherSchool, bsn, "2026-11-02", "2026-11-05"), HttpStatusCode.Created);
        Assert.Equal(3, await ReportsOfAsync("school-a"));
    }

    // RULES.md §1-2: langdurig relatief verzuim is more than 4 *school* weeks: the autumn holiday inside does not count any more.
    [Fact]
    public async Task Long_term_relative_absence_counts_school_weeks_not_calendar_weeks_RULES_1_2()
    {
        var refused = await ReadAsync(await School.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = Child(NewBsn()), kind = "long-term-relative", firstAbsentOn = "2026-10-16", lastAbsentOn = "2026-11-16",
        }, Ct), (HttpStatusCode)422);
        Assert.Contains("school weeks", refused.GetProperty("detail").GetString());
        await ReadAsync(await School.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = Child(NewBsn()), kind = "long-term-relative", firstAbsentOn = "2026-10-16", lastAbsentOn = "2026-11-20",
        }, Ct), HttpStatusCode.Created);
    }

    // ---- Point 8: leave (RULES.md §1, art. 13a and 14) ----

    private async Task<HttpResponseMessage> LeaveAsync(HttpClient school, string bsn, string article, string first, string last, bool employer = true) =>
        await school.PostAsJsonAsync("/api/attendance/leave-requests", new
        {
            child = Child(bsn), article, firstDay = first, lastDay = last, reason = article == "13a" ? "Seasonal work in the hotel" : "Grandmother's funeral abroad",
            workPreventsSchoolHoliday = article == "13a" ? true : (bool?)null,
            employerStatement = article == "13a" && employer ? new { employer = "Hotel Kasteel Wittem", issuedOn = "2026-11-20" } : null,
        }, Ct);

    // RULES.md §1 (art. 13a): the head of school decides vakantieverlof, at most 10 school days, once a year, not in the first 2 weeks.
    [Fact]
    public async Task Vakantieverlof_is_decided_by_the_head_of_school_within_its_rules_RULES_1()
    {
        var bsn = NewBsn();
        var request = await ReadAsync(await LeaveAsync(School, bsn, "13a", "2027-03-08", "2027-03-19"), HttpStatusCode.Created);
        Assert.Equal(("head-of-school", 10, "requested"), (request.GetProperty("decider").GetString(), request.GetProperty("schoolDays").GetInt32(), request.GetProperty("status").GetString()));
        var id = request.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await Maastricht.PostAsJsonAsync($"/api/attendance/leave-requests/{id}/decision", new { decision = "granted" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await OtherSchool.GetAsync($"/api/attendance/leave-requests/{id}", Ct)).StatusCode);
        var granted = await ReadAsync(await School.PostAsJsonAsync($"/api/attendance/leave-requests/{id}/decision", new { decision = "granted" }, Ct), HttpStatusCode.OK);
        Assert.Equal(("granted", "school-a"), (granted.GetProperty("status").GetString(), granted.GetProperty("decidedByOrganisationId").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await School.PostAsJsonAsync($"/api/attendance/leave-requests/{id}/decision", new { decision = "refused" }, Ct)).StatusCode);

        var second = await ReadAsync(await LeaveAsync(School, bsn, "13a", "2027-06-07", "2027-06-11"), (HttpStatusCode)422);
        Assert.Contains("art. 13a", second.GetProperty("detail").GetString());
        var eleven = await ReadAsync(await LeaveAsync(School, NewBsn(), "13a", "2027-03-08", "2027-03-22"), (HttpStatusCode)422);
        Assert.True(eleven.GetProperty("errors").TryGetProperty("lastDay", out _));
        var firstWeeks = await ReadAsync(await LeaveAsync(School, NewBsn(), "13a", "2026-08-31", "2026-09-04"), (HttpStatusCode)422);
        Assert.Contains("first two weeks run from 2026-08-24", firstWeeks.GetProperty("detail").GetString());
        var noStatement = await ReadAsync(await LeaveAsync(School, NewBsn(), "13a", "2027-03-08", "2027-03-12", employer: false), (HttpStatusCode)422);
        Assert.True(noStatement.GetProperty("errors").TryGetProperty("employerStatement", out _));
        Assert.Equal(1, await InDbAsync(db => db.LeaveRequests.CountAsync(Ct)));
    }

    // RULES.md §1 (art. 14): above 10 school days the leerplicht officer of the child's municipality decides, not the school.
    [Fact]
    public async Task Leave_above_10_school_days_is_the_officers_decision_and_the_school_cannot_take_it_RULES_1()
    {
        var request = await ReadAsync(await LeaveAsync(School, NewBsn(), "14", "2027-01-11", "2027-01-26"), HttpStatusCode.Created);
        Assert.Equal(("leerplicht-officer", 12, "GM0935"), (request.GetProperty("decider").GetString(), request.GetProperty("schoolDays").GetInt32(),
            request.GetProperty("routedToMunicipality").GetString()));
        var id = request.GetProperty("id").GetGuid();

        var school = await ReadAsync(await School.PostAsJsonAsync($"/api/attendance/leave-requests/{id}/decision", new { decision = "granted" }, Ct), HttpStatusCode.Forbidden);
        Assert.Contains("RULES.md §1", school.GetProperty("detail").GetString());
        Assert.Contains("art. 14", school.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Heerlen.PostAsJsonAsync($"/api/attendance/leave-requests/{id}/decision", new { decision = "granted" }, Ct)).StatusCode);
        Assert.Equal("requested", (await School.GetFromJsonAsync<JsonElement>($"/api/attendance/leave-requests/{id}", Ct)).GetProperty("status").GetString());

        var listed = await Maastricht.GetFromJsonAsync<JsonElement>("/api/attendance/leave-requests?status=requested", Ct);
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        await ReadAsync(await Maastricht.PostAsJsonAsync($"/api/attendance/leave-requests/{id}/decision", new { decision = "maybe" }, Ct), HttpStatusCode.BadRequest);
        var decided = await ReadAsync(await Maastricht.PostAsJsonAsync($"/api/attendance/leave-requests/{id}/decision", new { decision = "granted", note = "Funeral" }, Ct), HttpStatusCode.OK);
        Assert.Equal(("granted", "gemeente-maastricht"), (decided.GetProperty("status").GetString(), decided.GetProperty("decidedByOrganisationId").GetString()));

        // A head-of-school request is not the officer's to see or decide.
        var small = (await ReadAsync(await LeaveAsync(School, NewBsn(), "14", "2027-01-11", "2027-01-12"), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await Maastricht.PostAsJsonAsync($"/api/attendance/leave-requests/{small}/decision", new { decision = "granted" }, Ct)).StatusCode);
    }

    // RULES.md §1: leave taken without permission is luxe verzuim (kind luxury), naming the refused request; granted leave is not.
    [Fact]
    public async Task Leave_taken_after_a_refusal_is_luxe_verzuim_and_granted_leave_is_not_RULES_1()
    {
        var bsn = NewBsn();
        var refusedId = (await ReadAsync(await LeaveAsync(School, bsn, "14", "2026-11-16", "2026-11-20"), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await ReadAsync(await School.PostAsJsonAsync($"/api/attendance/leave-requests/{refusedId}/decision", new { decision = "refused", note = "Not an important circumstance" }, Ct), HttpStatusCode.OK);
        var luxe = await ReadAsync(await School.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = Child(bsn), kind = "luxury", firstAbsentOn = "2026-11-16", lastAbsentOn = "2026-11-20", hours = 25,
        }, Ct), HttpStatusCode.Created);
        Assert.Equal(refusedId, luxe.GetProperty("leaveRequestId").GetGuid());

        var other = NewBsn();
        var grantedId = (await ReadAsync(await LeaveAsync(School, other, "14", "2026-11-16", "2026-11-20"), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await ReadAsync(await School.PostAsJsonAsync($"/api/attendance/leave-requests/{grantedId}/decision", new { decision = "granted" }, Ct), HttpStatusCode.OK);
        var refused = await ReadAsync(await School.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = Child(other), kind = "luxury", firstAbsentOn = "2026-11-16", lastAbsentOn = "2026-11-20", hours = 25,
        }, Ct), (HttpStatusCode)422);
        Assert.Contains("not luxe verzuim", refused.GetProperty("detail").GetString());
        Assert.Equal(1, await ReportsOfAsync("school-a"));
    }
}
