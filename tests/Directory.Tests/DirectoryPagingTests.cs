using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Funding;
using Platform.Http.Paging;
using Platform.TestInfrastructure;

namespace Platform.Directory.Tests;

/// <summary>
/// Every list of the directory pages by cursor: following <c>next</c> gives each record once, in the
/// list's order (the same order the database gives), with its filters applied on every page.
/// </summary>
public sealed class DirectoryPagingTests(TestServersFixture fixture) : DirectoryTestBase(fixture)
{
    [Fact]
    public async Task Locations_page_by_name_and_id_with_their_filters()
    {
        var all = await InDbAsync(db => db.Locations.OrderBy(l => l.Name).ThenBy(l => l.Id).Select(l => l.Id).ToListAsync(Ct));
        Assert.True(all.Count > 8, "The demo region has enough locations for several pages.");
        Assert.Equal(all, await FollowIdsAsync("/api/directory/locations?limit=4", "id"));

        var primary = await InDbAsync(db => db.Locations.Where(l => l.Kind == "po").OrderBy(l => l.Name).ThenBy(l => l.Id).Select(l => l.Id).ToListAsync(Ct));
        Assert.True(primary.Count > 2);
        Assert.Equal(primary, await FollowIdsAsync("/api/directory/locations?kind=po&limit=2", "id"));
    }

    [Fact]
    public async Task Organisations_page_by_type_name_and_id_with_their_filters()
    {
        var all = await InDbAsync(db => db.Organisations.OrderBy(o => o.Type).ThenBy(o => o.Name).ThenBy(o => o.Id).Select(o => o.Id).ToListAsync(Ct));
        Assert.True(all.Count > 8);
        Assert.Equal(all, await FollowIdsAsync("/api/directory/organisations?limit=5", "id"));

        var schools = await InDbAsync(db => db.Organisations.Where(o => o.Type == "school").OrderBy(o => o.Name).ThenBy(o => o.Id).Select(o => o.Id).ToListAsync(Ct));
        Assert.True(schools.Count > 2);
        Assert.Equal(schools, await FollowIdsAsync("/api/directory/organisations?type=school&limit=2", "id"));
    }

    [Fact]
    public async Task Services_page_by_title_and_id_with_the_filters_in_the_query()
    {
        // Five with one title (the id orders them), two others; the support-domain filter keeps four of the seven.
        var arrangements = new List<(string Title, Guid Id, string Domain)>();
        for (var i = 0; i < 7; i++)
            arrangements.Add((i < 5 ? "Groep Anders Leren" : $"Groep {i}", Guid.NewGuid(), i % 2 == 0 ? "social-emotional" : "learning"));
        foreach (var (title, id, domain) in arrangements)
            await Directory.PublishAndWaitAsync(new ArrangementActivated(id, "collective", "27DL00", 12, 10_000_000, new DateOnly(2026, 12, 1),
                new DateOnly(2027, 7, 31), false, DateTimeOffset.UtcNow, title, "Groups 5-8", [domain], ["GM0935"]));

        // PostgreSQL orders uuids by their bytes, as their text sorts.
        static List<string> Ordered(IEnumerable<(string Title, Guid Id, string Domain)> items) =>
            [.. items.OrderBy(a => a.Title, StringComparer.Ordinal).ThenBy(a => a.Id.ToString(), StringComparer.Ordinal).Select(a => a.Id.ToString())];
        Assert.Equal(Ordered(arrangements), await FollowIdsAsync("/api/directory/services?limit=2", "arrangementId"));
        Assert.Equal(Ordered(arrangements.Where(a => a.Domain == "social-emotional")),
            await FollowIdsAsync("/api/directory/services?supportDomain=social-emotional&municipality=GM0935&limit=3", "arrangementId"));
    }

    [Fact]
    public async Task Pupil_counts_page_by_location_and_every_page_carries_the_totals_of_the_whole_year()
    {
        var year = await InDbAsync(db => db.PupilCounts.MaxAsync(p => p.SchoolYear, Ct));
        var counts = await InDbAsync(db => db.PupilCounts.Where(p => p.SchoolYear == year).OrderBy(p => p.LocationId).ToListAsync(Ct));
        Assert.True(counts.Count > 3);

        var pages = await FollowAsync("/api/directory/pupil-counts?limit=2");
        Assert.Equal(counts.Select(c => c.LocationId), pages.SelectMany(p => p.GetProperty("items").EnumerateArray()).Select(c => c.GetProperty("locationId").GetString()));
        Assert.All(pages, p => Assert.Equal((year, counts.Count, counts.Sum(c => c.Pupils)),
            (p.GetProperty("schoolYear").GetString(), p.GetProperty("locations").GetInt32(), p.GetProperty("pupils").GetInt32())));

        // A cursor names its school year: another year's list does not take it.
        var next = pages[0].GetProperty("next").GetString()!;
        var cursor = next[(next.IndexOf("cursor=", StringComparison.Ordinal) + "cursor=".Length)..];
        AssertErrorOn(await ReadAsync(await AsDeLinde.GetAsync($"/api/directory/pupil-counts?schoolYear=2019-2020&cursor={cursor}", Ct),
            HttpStatusCode.BadRequest), "cursor");
    }

    [Fact]
    public async Task A_limit_out_of_range_or_a_cursor_the_list_did_not_give_out_is_400_naming_the_field()
    {
        var refused = new (string Url, string Field)[]
        {
            ("/api/directory/locations?limit=0", "limit"),
            ("/api/directory/organisations?limit=201", "limit"),
            ("/api/directory/services?limit=0", "limit"),
            ("/api/directory/pupil-counts?limit=201", "limit"),
            ("/api/directory/locations?cursor=%25%25", "cursor"),
            ("/api/directory/organisations?cursor=bm90LWpzb24", "cursor"),
            ("/api/directory/services?cursor=garbage", "cursor"),
            ("/api/directory/pupil-counts?cursor=garbage", "cursor"),
            // A cursor of another list: the locations' (name, id), the organisations' (type, name, id).
            ($"/api/directory/organisations?cursor={Cursor.Encode("De Linde", "27DL00")}", "cursor"),
            ($"/api/directory/locations?cursor={Cursor.Encode("school", "De Linde", "school-bs-de-linde")}", "cursor"),
            ($"/api/directory/services?cursor={Cursor.Encode("De Linde", "27DL00")}", "cursor"),
            ($"/api/directory/pupil-counts?cursor={Cursor.Encode("De Linde", "27DL00")}", "cursor"),
        };
        foreach (var (url, field) in refused)
            AssertErrorOn(await ReadAsync(await AsDeLinde.GetAsync(url, Ct), HttpStatusCode.BadRequest), field);
    }

    private async Task<List<string>> FollowIdsAsync(string first, string idProperty) =>
        [.. (await FollowAsync(first)).SelectMany(p => p.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty(idProperty).GetString()!)];

    private async Task<List<JsonElement>> FollowAsync(string first)
    {
        var pages = new List<JsonElement>();
        for (string? next = first; next is not null;)
        {
            Assert.True(pages.Count < 100, "The list does not end.");
            var page = await ReadAsync(await AsDeLinde.GetAsync(next, Ct), HttpStatusCode.OK);
            pages.Add(page);
            next = page.GetProperty("next").GetString();
        }
        Assert.True(pages.Count > 1, "More than one page was asked for.");
        return pages;
    }
}
