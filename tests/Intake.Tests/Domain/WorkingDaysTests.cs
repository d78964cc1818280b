using Platform.Intake.Domain;

namespace Platform.Intake.Tests.Domain;

public sealed class WorkingDaysTests
{
    [Fact]
    public void Weekends_do_not_count()
    {
        var calendar = new WorkingDays([]);
        // Friday 20 Nov 2026 + 1 working day = Monday 23 Nov; + 10 = Friday 4 Dec.
        Assert.Equal(new DateOnly(2026, 11, 23), calendar.Add(new DateOnly(2026, 11, 20), 1));
        Assert.Equal(new DateOnly(2026, 12, 4), calendar.Add(new DateOnly(2026, 11, 20), 10));
    }

    [Fact]
    public void Configured_public_holidays_do_not_count()
    {
        var calendar = new WorkingDays([new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 28)]);
        // Thursday 24 Dec + 2 working days: skip Fri 25 (holiday), weekend, Mon 28 (holiday) → Tue 29, Wed 30.
        Assert.Equal(new DateOnly(2026, 12, 30), calendar.Add(new DateOnly(2026, 12, 24), 2));
    }
}
