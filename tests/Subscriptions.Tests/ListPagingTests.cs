using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Platform.Contracts.Attendance;
using Platform.TestInfrastructure;

namespace Platform.Subscriptions.Tests;

/// <summary>
/// Both lists page with <c>limit</c> and <c>cursor</c>: following <c>next</c> to its end gives each
/// record once, in the list's order, the status filter included; a bad limit or a cursor not of this
/// list is a 400 naming the parameter.
/// </summary>
public sealed class ListPagingTests(TestServersFixture fixture) : SubscriptionTestBase(fixture)
{
    private HttpClient Maastricht => As("gemeente-maastricht", "municipality", "GM0935");

    private static ThuiszitterRegistered Thuiszitter() => new(Guid.NewGuid(), "cr1-child", "GM0935", "long-term-relative",
        new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30), new DateOnly(2027, 1, 1), DateTimeOffset.UtcNow);

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
    public async Task Subscriptions_page_oldest_first_and_only_your_own()
    {
        var made = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            made.Add((await SubscribeAsync(Maastricht, $"http://127.0.0.1:9/hook-{i}", "thuiszitters")).Id);
            if (i % 2 == 0) Clock.Advance(TimeSpan.FromMinutes(1)); // some of the same instant: the id decides between them
        }
        await SubscribeAsync(As("gemeente-heerlen", "municipality", "GM0917"), "http://127.0.0.1:9/heerlen", "thuiszitters");

        var (all, pages) = await AllPagesAsync(Maastricht, "/api/subscriptions/subscriptions?limit=2");
        Assert.Equal(made.Order(), Ids(all).Order()); // each once, and Heerlen's not
        Assert.Equal(Ids(all.OrderBy(s => s.GetProperty("createdAt").GetDateTimeOffset()).ThenBy(IdKey, StringComparer.Ordinal)), Ids(all));
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task The_delivery_log_pages_newest_first_and_with_a_status_filter()
    {
        await using var receiver = await Receiver.StartAsync();
        var (id, _) = await SubscribeAsync(Maastricht, receiver.Url, "thuiszitters");
        for (var i = 0; i < 4; i++)
        {
            await PublishAndWaitForDeliveriesAsync(2, Thuiszitter(), Thuiszitter());
            Clock.Advance(TimeSpan.FromMinutes(1));
        }
        for (var i = 0; i < 3; i++) Assert.Equal(1, await DispatchAsync()); // three delivered, five pending

        var (all, pages) = await AllPagesAsync(Maastricht, $"/api/subscriptions/subscriptions/{id}/deliveries?limit=3");
        Assert.Equal(8, all.Count);
        Assert.Equal(8, Ids(all).Distinct().Count());
        Assert.Equal(Ids(all.OrderByDescending(d => d.GetProperty("createdAt").GetDateTimeOffset()).ThenByDescending(IdKey, StringComparer.Ordinal)), Ids(all));
        Assert.Equal(3, pages);

        foreach (var status in new[] { "pending", "delivered" })
        {
            var (filtered, _) = await AllPagesAsync(Maastricht, $"/api/subscriptions/subscriptions/{id}/deliveries?status={status}&limit=2");
            Assert.Equal(Ids(all.Where(d => d.GetProperty("status").GetString() == status)), Ids(filtered));
        }
    }

    [Fact]
    public async Task A_bad_limit_or_a_cursor_not_of_this_list_is_a_400_naming_it()
    {
        var (id, _) = await SubscribeAsync(Maastricht, "http://127.0.0.1:9/a", "thuiszitters");
        await SubscribeAsync(Maastricht, "http://127.0.0.1:9/b", "thuiszitters");
        var next = (await ReadAsync(await Maastricht.GetAsync("/api/subscriptions/subscriptions?limit=1", Ct), HttpStatusCode.OK)).GetProperty("next").GetString()!;
        var cursor = QueryHelpers.ParseQuery(new Uri(new Uri("http://subscriptions"), next).Query)["cursor"].Single();
        // The same keys (a time and an id) fit the delivery log; a cursor of three keys fits neither list.
        var foreign = Platform.Http.Paging.Cursor.Encode("false", "2026-11-25", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.OK, (await Maastricht.GetAsync($"/api/subscriptions/subscriptions/{id}/deliveries?cursor={cursor}", Ct)).StatusCode);

        foreach (var list in new[] { "/api/subscriptions/subscriptions", $"/api/subscriptions/subscriptions/{id}/deliveries" })
            foreach (var (query, field) in new[] { ("limit=0", "limit"), ("limit=201", "limit"), ("cursor=garbage", "cursor"), ($"cursor={foreign}", "cursor") })
            {
                var problem = await ReadAsync(await Maastricht.GetAsync($"{list}?{query}", Ct), HttpStatusCode.BadRequest);
                Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{list}?{query}: {problem}");
            }
    }
}
