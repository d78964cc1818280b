namespace Platform.SharedKernel;

/// <summary>Dates in the Netherlands' time zone: "today" for a deadline is the Dutch today.</summary>
public static class DutchTime
{
    private static readonly TimeZoneInfo Netherlands = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());

    public static DateOnly DateOf(DateTimeOffset moment) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, Netherlands).DateTime);

    /// <summary>Age in whole years on <paramref name="on"/>.</summary>
    public static int AgeOn(DateOnly dateOfBirth, DateOnly on)
    {
        var age = on.Year - dateOfBirth.Year;
        if (dateOfBirth.AddYears(age) > on) age--;
        return age;
    }
}
