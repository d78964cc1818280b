using Platform.Contracts.Attendance;
using Platform.TestInfrastructure;

namespace Platform.Monitoring.Tests.Apis;

/// <summary>
/// RULES.md §3: a 5 sub b or c exemption is renewed every school year. The renewal keeps the child
/// exempted (the stock), but it is not a new exemption (the flow): counting it as granted would make
/// the same children look like a growing number of new exemptions every June.
/// </summary>
public sealed class ExemptionRenewalTests(TestServersFixture fixture) : MonitoringTestBase(fixture)
{
    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:000000000000}");
    private const string Maastricht = "GM0935";

    [Fact]
    public async Task A_yearly_renewal_is_in_force_but_not_counted_as_granted_again_RULES_3()
    {
        // Six first notices in June 2026 for the rest of the school year, and six renewals filed the same month
        // (before 1 July) of exemptions granted in September 2025, each for the school year 2026-2027.
        for (var i = 1; i <= 6; i++)
        {
            await PublishAsync(new ExemptionGranted(Id(600 + i), "cr1-x", Maastricht, "5b", new(2025, 9, 1), new(2026, 7, 31), new(2025, 9, 1, 9, 0, 0, TimeSpan.Zero)));
            await PublishAsync(new ExemptionGranted(Id(610 + i), "cr1-x", Maastricht, "5b", new(2026, 6, 10), new(2026, 7, 31), new(2026, 6, 10, 9, 0, 0, TimeSpan.Zero)));
            await PublishAsync(new ExemptionGranted(Id(620 + i), "cr1-x", Maastricht, "5b", new(2026, 8, 1), new(2027, 7, 31), new(2026, 6, 12, 9, 0, 0, TimeSpan.Zero),
                RenewalOfExemptionId: Id(600 + i)));
        }
        await WaitForJournalAsync();

        var june = await TrueFiguresAsync("2026-06");
        Assert.Equal("6", Region(june, "exemptions-granted"));
        Assert.Equal("12", Region(june, "exemptions-active"));
        // In September the renewals are in force: the six first notices of June ended on 31 July.
        var september = await TrueFiguresAsync("2026-09");
        Assert.Equal("6", Region(september, "exemptions-active"));
        Assert.False(september.TryGetValue("exemptions-granted", out var granted) && granted.GetProperty("region").GetString() is not ("0" or "<5"),
            "no exemption was granted in September: the renewals' start is not a grant");
    }
}
