using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Http.Paging;
using Platform.TestInfrastructure;

namespace Platform.Monitoring.Tests.Apis;

/// <summary>
/// The baselines list pages by cursor: following <c>next</c> gives every baseline once, oldest first.
/// One service for all of it: each Monitoring started takes a RabbitMQ virtual host with some twenty
/// queues, and the local broker stops starting new ones after about sixteen.
/// </summary>
public sealed class BaselinePagingTests(TestServersFixture fixture) : MonitoringTestBase(fixture)
{
    [Fact]
    public async Task Following_next_gives_every_baseline_once_oldest_first_and_a_bad_limit_or_cursor_is_400()
    {
        // Five baselines; the last two taken at the same instant as the third, so their names decide the order.
        foreach (var (name, later) in new[] { ("0-meting", true), ("najaar", true), ("winter-c", true), ("winter-a", false), ("winter-b", false) })
        {
            if (later) Clock.Advance(TimeSpan.FromHours(1));
            await ReadAsync(await AsRegionOffice.PostAsJsonAsync("/api/monitoring/baselines", new { name, period = "2026-11" }, Ct), HttpStatusCode.Created);
        }

        var pages = new List<JsonElement>();
        for (string? next = "/api/monitoring/baselines?limit=2"; next is not null; next = pages[^1].GetProperty("next").GetString())
        {
            Assert.True(pages.Count < 10, "The list does not end.");
            pages.Add(await ReadAsync(await As().GetAsync(next, Ct), HttpStatusCode.OK));
        }
        Assert.Equal(3, pages.Count);
        Assert.Equal(["0-meting", "najaar", "winter-a", "winter-b", "winter-c"],
            pages.SelectMany(p => p.GetProperty("items").EnumerateArray()).Select(b => b.GetProperty("name").GetString()));

        // Out of range, not a cursor at all, and another list's cursor (a location's name and id).
        foreach (var (query, field) in new[] { ("limit=0", "limit"), ("limit=201", "limit"), ("cursor=garbage", "cursor"),
                     ($"cursor={Cursor.Encode("27DL00", "De Linde")}", "cursor") })
        {
            var problem = await ReadAsync(await As().GetAsync($"/api/monitoring/baselines?{query}", Ct), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query}: {problem}");
        }
    }
}
