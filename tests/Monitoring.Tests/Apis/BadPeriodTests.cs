using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Intake;
using Platform.TestInfrastructure;

namespace Platform.Monitoring.Tests.Apis;

/// <summary>
/// Issue #25, point 10: a period outside the calendar (the year 1, the year 9999) answered 500 on
/// every view of the monitor. It is the caller's mistake: 400 naming <c>period</c>, everywhere.
/// </summary>
public sealed class BadPeriodTests(TestServersFixture fixture) : MonitoringTestBase(fixture)
{
    [Theory]
    [InlineData("0001-01")]
    [InlineData("9999-12")]
    [InlineData("9998-9999")]
    public async Task A_period_off_the_calendar_is_400_naming_the_period_on_figures_CSV_page_and_baselines(string period)
    {
        foreach (var path in new[] { "indicators", "indicators.csv", "dashboard" })
        {
            var response = await As().GetAsync($"/api/monitoring/{path}?period={period}", Ct);
            await AssertNamesPeriodAsync(response, path);
        }

        var baseline = await AsRegionOffice.PostAsJsonAsync("/api/monitoring/baselines", new { name = $"bad-{period}", period }, Ct);
        await AssertNamesPeriodAsync(baseline, "baselines");
        var listed = await AsRegionOffice.GetStringAsync("/api/monitoring/baselines", Ct);
        Assert.DoesNotContain($"bad-{period}", listed);
    }

    private static async Task AssertNamesPeriodAsync(HttpResponseMessage response, string where)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{where}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("period", out _), where);
    }
}

/// <summary>
/// Issue #25, point 10: a hidden cell's tooltip said "fewer than 5" even where complementary
/// suppression hides a larger number. The page marks every hidden figure as hidden, never as small.
/// </summary>
public sealed class HiddenCellMarkTests(TestServersFixture fixture) : MonitoringTestBase(fixture)
{
    [Fact]
    public async Task A_hidden_figure_is_marked_hidden_not_as_fewer_than_5()
    {
        for (var i = 0; i < 3; i++)
            await PublishAsync(new ReferralSubmitted(Guid.NewGuid(), "cr1-x", "school-bs-de-linde", "school", "GM0935", ["learning"], "soon",
                new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero)));
        await WaitForJournalAsync();
        var html = await As().GetStringAsync("/api/monitoring/dashboard?period=2026-11", Ct);

        // The renderer may write × as a character reference.
        Assert.Matches("<abbr title=\"verborgen[^\"]*\">(×|&#xD7;|&times;)</abbr>", html);
        Assert.DoesNotContain("minder dan 5", html);
        Assert.DoesNotContain("&lt;5<", html);
    }
}
