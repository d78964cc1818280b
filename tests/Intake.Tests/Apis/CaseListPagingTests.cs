using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Platform.Http.Paging;
using Platform.Intake.Infrastructure;
using Platform.TestInfrastructure;

namespace Platform.Intake.Tests.Apis;

/// <summary>
/// The case list pages by cursor: following <c>next</c> gives every case the caller may see exactly
/// once, newest referral first, with the status filter applied on every page.
/// </summary>
public sealed class CaseListPagingTests(TestServersFixture fixture) : ServiceTestBase<Program, IntakeDbContext>(fixture)
{
    private const string School = "school-bs-de-linde";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    protected override ServiceSetup Setup => new() { Clock = _clock, Prefix = "casepages" };

    [Fact]
    public async Task Following_next_gives_every_case_once_newest_first_and_the_filter_holds_on_every_page()
    {
        // Seven cases; three referred at the same instant, so the id decides their order within it.
        var referred = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            if (i is not (2 or 3)) _clock.Advance(TimeSpan.FromMinutes(5));
            referred.Add(await ReferAsync(School));
        }
        // Another school's case is never listed for this one.
        await ReferAsync("school-bs-het-palet");
        // Two of them move on, so the filter has something to leave out.
        foreach (var id in referred.Take(2))
            await ReadAsync(await As(School, "school").PostAsync($"/api/intake/cases/{id}/consent-request", null, Ct), HttpStatusCode.OK);

        var all = await FollowAsync("/api/intake/cases?limit=3");
        Assert.Equal(3, all.Pages);
        Assert.Equal(referred.Order().ToList(), all.Items.Select(c => c.GetProperty("id").GetGuid()).Order().ToList());
        // PostgreSQL orders uuids by their bytes, as their text sorts.
        var order = all.Items.Select(c => (At: c.GetProperty("referredAt").GetDateTimeOffset(), Id: c.GetProperty("id").GetString()!)).ToList();
        Assert.Equal(order.OrderByDescending(c => c.At).ThenBy(c => c.Id, StringComparer.Ordinal).ToList(), order);

        var waiting = await FollowAsync("/api/intake/cases?status=referred&limit=2");
        Assert.Equal(3, waiting.Pages);
        Assert.Equal(referred.Skip(2).Order().ToList(), waiting.Items.Select(c => c.GetProperty("id").GetGuid()).Order().ToList());
        Assert.All(waiting.Items, c => Assert.Equal("referred", c.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_limit_out_of_range_or_a_cursor_it_did_not_give_out_is_400_naming_the_field()
    {
        // Out of range, not a cursor at all, another list's cursor (a location's id), an unknown status.
        foreach (var (query, field) in new[] { ("limit=0", "limit"), ("limit=201", "limit"), ("cursor=not-a-cursor", "cursor"),
                     ($"cursor={Cursor.Encode("27DL00")}", "cursor"), ("status=lost", "status") })
        {
            var problem = await ReadAsync(await As(School, "school").GetAsync($"/api/intake/cases?{query}", Ct), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query}: no error on {field}: {problem}");
        }
    }

    private async Task<(List<JsonElement> Items, int Pages)> FollowAsync(string first)
    {
        var client = As(School, "school");
        var items = new List<JsonElement>();
        var pages = 0;
        for (string? next = first; next is not null; pages++)
        {
            Assert.True(pages < 20, "The list does not end.");
            var page = await ReadAsync(await client.GetAsync(next, Ct), HttpStatusCode.OK);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.GetProperty("next").GetString();
        }
        return (items, pages);
    }

    private async Task<Guid> ReferAsync(string organisation)
    {
        var created = await ReadAsync(await As(organisation, "school").PostAsJsonAsync("/api/intake/referrals", new
        {
            child = new { bsn = NewBsn(), givenName = "Sanne", familyName = "Jansen", dateOfBirth = "2015-04-01", homeMunicipality = "GM0935" },
            supportNeeds = new[] { new { domain = "learning", description = "Reads below age level." } },
            triedSoFar = "Extra support in class.",
            urgency = "soon",
        }, Ct), HttpStatusCode.Created);
        // The case id is read back from the referral (#25: the POST's answer does not show it).
        var readBack = await ReadAsync(await As(organisation, "school").GetAsync($"/api/intake/referrals/{created.GetProperty("id").GetGuid()}", Ct), HttpStatusCode.OK);
        return readBack.GetProperty("caseId").GetGuid();
    }

    private static string NewBsn()
    {
        while (true)
        {
            var digits = Random.Shared.Next(100_000_000, 999_999_999).ToString();
            if (Platform.Privacy.Bsn.TryParse(digits, out _)) return digits;
        }
    }
}
