using Platform.Monitoring.Domain;

namespace Platform.Monitoring.Tests.Domain;

public sealed class PeriodsTests
{
    [Fact]
    public void A_referral_late_on_the_last_evening_of_a_month_counts_in_that_month_in_Dutch_time() =>
        // 31 Jan 23:30 in Amsterdam is 22:30 UTC; 1 Feb 00:30 Amsterdam is 23:30 UTC on 31 Jan.
        Assert.Equal(("2026-01", "2026-02"), (
            Periods.MonthOf(new DateTimeOffset(2026, 1, 31, 22, 30, 0, TimeSpan.Zero)),
            Periods.MonthOf(new DateTimeOffset(2026, 1, 31, 23, 30, 0, TimeSpan.Zero))));

    [Theory]
    [InlineData("2026-11", true)]
    [InlineData("2026-13", false)]
    [InlineData("2026-1", false)]
    [InlineData("november", false)]
    public void Only_yyyy_MM_is_a_period(string value, bool valid) => Assert.Equal(valid, Periods.IsMonth(value));
}
