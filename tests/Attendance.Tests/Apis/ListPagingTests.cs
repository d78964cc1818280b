using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using Platform.Attendance.Infrastructure;
using Platform.TestInfrastructure;

namespace Platform.Attendance.Tests.Apis;

/// <summary>
/// Every list pages with <c>limit</c> and <c>cursor</c>: following <c>next</c> to its end gives each
/// record once, in the list's order, filters included; a bad limit or a cursor not of this list is a
/// 400 naming the parameter.
/// </summary>
public sealed class ListPagingTests(TestServersFixture fixture) : ServiceTestBase<Program, AttendanceDbContext>(fixture)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    protected override ServiceSetup Setup => new() { Clock = _clock, Prefix = "attendance" };

    private HttpClient School => As("school-a", "school");
    private HttpClient Maastricht => As("gemeente-maastricht", "municipality", "GM0935");
    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd");

    private static object Child() => new { bsn = NewBsn(), givenName = "Noah", familyName = "Smeets", dateOfBirth = "2013-05-05", homeMunicipality = "GM0935" };

    private static string NewBsn()
    {
        while (true)
        {
            var digits = Random.Shared.Next(100_000_000, 999_999_999).ToString();
            if (Platform.Privacy.Bsn.TryParse(digits, out _)) return digits;
        }
    }

    private async Task<JsonElement> ReportAsync()
    {
        // Monday 16 to Monday 23 November 2026: school days (RULES.md §1: the 16-hour report's first and last days are school days).
        var report = new { child = Child(), kind = "unauthorised", firstAbsentOn = Day(Today.AddDays(-9)), lastAbsentOn = Day(Today.AddDays(-2)), hours = 16 };
        return await ReadAsync(await School.PostAsJsonAsync("/api/attendance/absence-reports", report, Ct), HttpStatusCode.Created);
    }

    /// <summary>Follows <c>next</c> from <paramref name="first"/> until it is null: every item, and how many pages it took.</summary>
    private static async Task<(List<JsonElement> Items, int Pages)> AllPagesAsync(HttpClient client, string first)
    {
        var items = new List<JsonElement>();
        var pages = 0;
        for (string? next = first; next is not null; pages++)
        {
            var page = await ReadAsync(await client.GetAsync(next, Ct), HttpStatusCode.OK);
            items.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.Clone()));
            next = page.GetProperty("next").GetString();
        }
        return (items, pages);
    }

    private static List<Guid> Ids(IEnumerable<JsonElement> items) => [.. items.Select(i => i.GetProperty("id").GetGuid())];

    /// <summary>PostgreSQL orders uuids by their bytes, which is the order of their lower-case text.</summary>
    private static string IdKey(JsonElement item) => item.GetProperty("id").GetGuid().ToString();

    [Fact]
    public async Task Absence_reports_page_newest_first_and_with_a_status_filter()
    {
        var made = new List<JsonElement>();
        for (var i = 0; i < 7; i++)
        {
            made.Add(await ReportAsync());
            if (i % 2 == 1) _clock.Advance(TimeSpan.FromMinutes(5)); // pairs of the same instant: the id decides between them
        }
        var withdrawn = made.Where((_, i) => i % 3 == 0).Select(r => r.GetProperty("id").GetGuid()).ToList();
        foreach (var id in withdrawn)
            await ReadAsync(await School.PostAsync($"/api/attendance/absence-reports/{id}/withdrawal", null, Ct), HttpStatusCode.OK);

        var expected = Ids(made.OrderByDescending(r => r.GetProperty("reportedAt").GetDateTimeOffset()).ThenByDescending(IdKey, StringComparer.Ordinal));
        var (all, pages) = await AllPagesAsync(School, "/api/attendance/absence-reports?limit=3");
        Assert.Equal(expected, Ids(all));
        Assert.Equal(3, pages);
        // The municipality the children live in sees the same reports, in the same order.
        Assert.Equal(expected, Ids((await AllPagesAsync(Maastricht, "/api/attendance/absence-reports?limit=2")).Items));

        var (filtered, filteredPages) = await AllPagesAsync(School, "/api/attendance/absence-reports?status=withdrawn&limit=2");
        Assert.Equal(expected.Where(withdrawn.Contains), Ids(filtered));
        Assert.Equal(2, filteredPages);
        Assert.All(filtered, r => Assert.Equal("withdrawn", r.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Thuiszitters_page_open_cases_first_longest_at_home_first()
    {
        var made = new List<JsonElement>();
        foreach (var daysAgo in new[] { 40, 12, 40, 90, 12, 25 })
            made.Add(await ReadAsync(await Maastricht.PostAsJsonAsync("/api/attendance/thuiszitters",
                new { child = Child(), atHomeSince = Day(Today.AddDays(-daysAgo)) }, Ct), HttpStatusCode.Created));
        var resolved = Ids([made[1], made[3]]);
        foreach (var id in resolved)
            await ReadAsync(await Maastricht.PostAsJsonAsync($"/api/attendance/thuiszitters/{id}/resolution", new { reason = "attending-again" }, Ct), HttpStatusCode.OK);

        var (all, pages) = await AllPagesAsync(Maastricht, "/api/attendance/thuiszitters?limit=4");
        var expected = Ids(made.OrderBy(c => resolved.Contains(c.GetProperty("id").GetGuid()))
            .ThenBy(c => c.GetProperty("atHomeSince").GetString(), StringComparer.Ordinal).ThenBy(IdKey, StringComparer.Ordinal));
        Assert.Equal(expected, Ids(all));
        Assert.Equal(2, pages);
        Assert.Equal(["open", "open", "open", "open", "resolved", "resolved"], all.Select(c => c.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Exemptions_page_soonest_ending_first_and_the_last_full_page_says_it_is_the_last()
    {
        var made = new List<JsonElement>();
        foreach (var startsOn in new[] { Today, Today.AddYears(1), Today, Today.AddDays(7), Today.AddYears(1), Today })
            made.Add(await ReadAsync(await Maastricht.PostAsJsonAsync("/api/attendance/exemptions",
                new { child = Child(), article = "5c", startsOn = Day(startsOn), grounds = "Enrolled at a school in Liège" }, Ct), HttpStatusCode.Created));

        var (all, pages) = await AllPagesAsync(Maastricht, "/api/attendance/exemptions?limit=3");
        Assert.Equal(Ids(made.OrderBy(e => e.GetProperty("endsOn").GetString(), StringComparer.Ordinal).ThenBy(IdKey, StringComparer.Ordinal)), Ids(all));
        Assert.Equal(2, pages); // six in pages of three: the second page is full and has no next
        Assert.Empty((await AllPagesAsync(School, "/api/attendance/exemptions")).Items);
    }

    [Theory]
    [InlineData("/api/attendance/absence-reports")]
    [InlineData("/api/attendance/thuiszitters")]
    [InlineData("/api/attendance/exemptions")]
    public async Task A_bad_limit_or_a_cursor_not_of_this_list_is_a_400_naming_it(string list)
    {
        await ReportAsync();
        await ReportAsync();
        // A real cursor, but of another list: its keys are not this list's.
        var other = list.EndsWith("thuiszitters", StringComparison.Ordinal) ? "/api/attendance/absence-reports?limit=1" : "/api/attendance/thuiszitters?limit=1";
        await ReadAsync(await Maastricht.PostAsJsonAsync("/api/attendance/thuiszitters", new { child = Child(), atHomeSince = Day(Today.AddDays(-30)) }, Ct), HttpStatusCode.Created);
        await ReadAsync(await Maastricht.PostAsJsonAsync("/api/attendance/thuiszitters", new { child = Child(), atHomeSince = Day(Today.AddDays(-20)) }, Ct), HttpStatusCode.Created);
        var next = (await ReadAsync(await Maastricht.GetAsync(other, Ct), HttpStatusCode.OK)).GetProperty("next").GetString()!;
        var foreign = QueryHelpers.ParseQuery(new Uri(new Uri("http://attendance"), next).Query)["cursor"].Single();

        foreach (var (query, field) in new[] { ("limit=0", "limit"), ("limit=201", "limit"), ("cursor=garbage", "cursor"), ($"cursor={foreign}", "cursor") })
        {
            var problem = await ReadAsync(await Maastricht.GetAsync($"{list}?{query}", Ct), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{list}?{query}: {problem}");
        }
    }
}
