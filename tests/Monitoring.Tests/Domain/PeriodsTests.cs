using Platform.Monitoring.Domain;

namespace Platform.Monitoring.Tests.Domain;

public sealed class PeriodsTests
{
    [Fact]
    public void An_event_late_on_the_last_evening_of_a_month_counts_in_that_month_in_Dutch_time() =>
        // 31 Jan 23:30 in Amsterdam is 22:30 UTC; 1 Feb 00:30 Amsterdam is 23:30 UTC on 31 Jan.
        Assert.Equal((new DateOnly(2026, 1, 31), new DateOnly(2026, 2, 1)), (
            Period.DutchDate(new DateTimeOffset(2026, 1, 31, 22, 30, 0, TimeSpan.Zero)),
            Period.DutchDate(new DateTimeOffset(2026, 1, 31, 23, 30, 0, TimeSpan.Zero))));

    [Theory]
    [InlineData("2026-11", true, "2026-11-01", "2026-11-30")]
    [InlineData("2026-2027", true, "2026-08-01", "2027-07-31")]
    [InlineData("2026-13", false, null, null)]
    [InlineData("2026-1", false, null, null)]
    [InlineData("2026-2028", false, null, null)]
    [InlineData("november", false, null, null)]
    // Outside the platform's years (issue #25, point 10: these answered 500).
    [InlineData("0001-01", false, null, null)]
    [InlineData("9999-12", false, null, null)]
    [InlineData("9998-9999", false, null, null)]
    [InlineData("1899-12", false, null, null)]
    [InlineData("1900-01", true, "1900-01-01", "1900-01-31")]
    [InlineData("2199-12", true, "2199-12-01", "2199-12-31")]
    public void A_period_is_a_month_or_a_school_year_from_1_August(string text, bool valid, string? from, string? to)
    {
        Assert.Equal(valid, Period.TryParse(text, out var period));
        if (!valid) return;
        Assert.Equal((DateOnly.Parse(from!), DateOnly.Parse(to!)), (period.From, period.To));
    }

    [Fact]
    public void Stocks_are_measured_on_the_last_day_or_today_while_the_period_runs()
    {
        var november = Period.Month(2026, 11);
        Assert.Equal(new DateOnly(2026, 11, 30), november.ReferenceDate(new DateOnly(2027, 1, 5)));
        Assert.Equal(new DateOnly(2026, 11, 12), november.ReferenceDate(new DateOnly(2026, 11, 12)));
        Assert.Equal("2026-2027", november.SchoolYearId);
        Assert.Equal("2025-2026", Period.Month(2026, 7).SchoolYearId);
        Assert.Equal(["2025-12", "2026-01", "2026-02"], Period.Month(2026, 2).MonthsUpTo(3).Select(p => p.Id));
    }
}
