using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Attendance;
using Platform.Monitoring.Projection;
using Platform.TestInfrastructure;

namespace Platform.Monitoring.Tests.Apis;

/// <summary>
/// Issue #23, Monitoring: the Attendance indicators added then (docs/monitoring.md), from events published on the real
/// broker, checked against figures worked out by hand: thuiszitters by the child's school type, the days from the first day
/// at home to the actual start (a median in whole weeks), onderwijsconsulent engagements, exemptions temporary or
/// permanent, the grey zone (long-term sickness) and late absence reports; and a rebuild from the journal gives them again.
/// </summary>
public sealed class AttendanceIndicatorTests(TestServersFixture fixture) : MonitoringTestBase(fixture)
{
    private static DateTimeOffset On(int month, int day) => new(2026, month, day, 9, 0, 0, TimeSpan.Zero);
    private static DateOnly Day(int month, int day) => new(2026, month, day);
    private int _ids;
    private Guid NextId() => new($"00000000-0000-0000-0000-{++_ids:000000000000}");

    private const string Maastricht = "GM0935", Heerlen = "GM0917", Kerkrade = "GM0928";
    private const string DeLinde = "school-bs-de-linde", HetKompas = "school-sbo-het-kompas", HetPalet = "school-bs-het-palet",
        CollegeParkstad = "school-vo-college-parkstad", DeBerg = "school-vso-de-berg";

    private async Task<Guid> RegisterAsync(string home, string? school, int month = 10, int day = 5, string kind = "long-term-relative")
    {
        var id = NextId();
        await PublishAsync(new ThuiszitterRegistered(id, "cr1-t", home, kind, Day(9, 1), Day(10, 29), Day(12, 1), On(month, day), school));
        return id;
    }

    private Task ResolveAsync(string reason, int daysAtHome, int month = 11, int day = 20) =>
        PublishAsync(new ThuiszitterResolved(NextId(), Maastricht, reason, Day(month, day).AddDays(-daysAtHome), false, On(month, day)));

    private Task SicknessAsync(Guid id, string home = Maastricht, int month = 10, int day = 6) =>
        PublishAsync(new AbsenceReported(id, "cr1-s", home, DeLinde, "long-term-sickness", Day(9, 20), On(month, day), home));

    private Task ReportAsync(string home, string school, bool? late, string kind = "unauthorised") =>
        PublishAsync(new AbsenceReported(NextId(), "cr1-r", home, school, kind, Day(11, 2), On(11, 12), home, late));

    private Task ExemptionAsync(string article, bool? permanent, int month = 11, int day = 5, DateOnly? endsOn = null) =>
        PublishAsync(new ExemptionGranted(NextId(), "cr1-e", Maastricht, article, Day(month, day), endsOn ?? new DateOnly(2027, 7, 31), On(month, day), Permanent: permanent));

    [Fact]
    public async Task Attendance_indicators_of_issue_23_come_out_as_counted_by_hand_and_again_after_a_rebuild()
    {
        // Thuiszitters open on 30 November, by the reporting school's type (directory): De Linde 6 and SBO Het Kompas 2 (PO: SBO
        // is primary education, the WPO), College Parkstad 5 (VO), VSO De Berg 1 ((V)SO), 3 absolute (not enrolled): 17.
        var deLinde = new List<Guid>();
        for (var i = 0; i < 6; i++) deLinde.Add(await RegisterAsync(Maastricht, DeLinde));
        for (var i = 0; i < 2; i++) await RegisterAsync(Maastricht, HetKompas);
        for (var i = 0; i < 5; i++) await RegisterAsync(Kerkrade, CollegeParkstad);
        var deBerg = await RegisterAsync(Heerlen, DeBerg);
        for (var i = 0; i < 3; i++) await RegisterAsync(Heerlen, null, kind: "absolute");

        // RULES.md §2: resolved only when the child has started. Resolved in November: five starts after 30, 45, 61, 70 and 90 days at
        // home, an exemption after 10 and a move after 200 (no start). Median of the starts 61 days: published as 63 (9 whole weeks);
        // the median of all seven resolutions is 61. In October only four starts: fewer than 5, hidden.
        await ResolveAsync("attending-again", 30);
        await ResolveAsync("placed-in-arrangement", 45);
        await ResolveAsync("offer-started", 61);
        await ResolveAsync("handover-completed", 70);
        await ResolveAsync("placed-in-arrangement", 90);
        await ResolveAsync("exempted", 10);
        await ResolveAsync("moved-away", 200);
        foreach (var days in new[] { 20, 40, 60, 80 }) await ResolveAsync("attending-again", days, month: 10, day: 20);

        // RULES.md §2: an onderwijsconsulent for the six De Linde cases and the De Berg case in November; one delivered twice counts once.
        foreach (var id in deLinde) await PublishAsync(new OnderwijsconsulentEngaged(id, Maastricht, Day(9, 1), 70, On(11, 10)));
        var engaged = new OnderwijsconsulentEngaged(deBerg, Heerlen, Day(9, 1), 71, On(11, 11));
        await PublishAsync(engaged);
        await PublishAsync(engaged);

        // RULES.md §3: exemptions granted in November: 5a permanent ("never") 5, 5a temporary 2, 5b temporary 4, one from before the
        // field (unspecified); in September two 5c (temporary), still in force on 30 November; one 5b of October ended on 15 November.
        for (var i = 0; i < 5; i++) await ExemptionAsync("5a", permanent: true);
        for (var i = 0; i < 2; i++) await ExemptionAsync("5a", permanent: false);
        for (var i = 0; i < 4; i++) await ExemptionAsync("5b", permanent: false);
        await ExemptionAsync("5b", permanent: null);
        for (var i = 0; i < 2; i++) await ExemptionAsync("5c", permanent: false, month: 9, day: 1);
        var ended = NextId();
        await PublishAsync(new ExemptionGranted(ended, "cr1-e", Maastricht, "5b", Day(10, 1), new DateOnly(2027, 7, 31), On(10, 1), Permanent: false));
        await PublishAsync(new ExemptionEnded(ended, "cr1-e", Maastricht, "5b", Day(11, 15), On(11, 16)));

        // RULES.md §2, the grey zone: 7 long-term sickness reports in October (Maastricht, De Linde); 2 closed in November, one of them
        // arriving before its report; one closed whose report never reached the monitor. Not thuiszitters.
        var sick = Enumerable.Range(0, 7).Select(_ => NextId()).ToList();
        await PublishAsync(new AbsenceReportFinished(sick[0], Maastricht, "long-term-sickness", "closed", Day(11, 9), On(11, 10)));
        foreach (var id in sick) await SicknessAsync(id);
        await PublishAsync(new AbsenceReportFinished(sick[1], Maastricht, "long-term-sickness", "acknowledged", null, On(11, 12)));
        await PublishAsync(new AbsenceReportFinished(NextId(), Maastricht, "long-term-sickness", "closed", Day(11, 9), On(11, 10)));

        // RULES.md §1, late 16-hour reports: 6 from De Linde (Maastricht) and 1 from Het Palet (Heerlen) in November; 3 in time, and 2
        // from before the field (no word on lateness) are not counted.
        for (var i = 0; i < 6; i++) await ReportAsync(Maastricht, DeLinde, late: true);
        await ReportAsync(Heerlen, HetPalet, late: true);
        for (var i = 0; i < 3; i++) await ReportAsync(Maastricht, DeLinde, late: false);
        for (var i = 0; i < 2; i++) await ReportAsync(Maastricht, DeLinde, late: null);
        await WaitForJournalAsync();

        var f = await TrueFiguresAsync("2026-11");
        AssertPublishedIsTheTruthWithNoise(f, await IndicatorsAsync("2026-11"));
        Assert.Equal(("17", "17"), (Region(f, "thuiszitters-open"), Region(f, "thuiszitters-by-school-type")));
        Assert.Equal(("8", "5", "<5", "<5"), (Region(f, "thuiszitters-by-school-type:po"), Region(f, "thuiszitters-by-school-type:vo"),
            Region(f, "thuiszitters-by-school-type:so-vso"), Region(f, "thuiszitters-by-school-type:not-enrolled")));
        Assert.Equal("8", Cell(f, "thuiszitters-by-school-type:po", "byMunicipality", Maastricht));

        Assert.Equal(("63.0", "61.0"), (Region(f, "thuiszitters-days-to-start"), Region(f, "thuiszitters-median-days")));
        Assert.Equal("<5", Region(await TrueFiguresAsync("2026-10"), "thuiszitters-days-to-start"));

        // 7 engagements: Maastricht's 6 (De Linde, SWV PO Maastricht-Heuvelland) hidden as the complements of Heerlen's 1 (De Berg, SWV VO Parkstad).
        Assert.Equal(("7", "<5", "<5", "<5"), (Region(f, "onderwijsconsulent-engaged"), Cell(f, "onderwijsconsulent-engaged", "bySwv", "swv-po-maastricht-heuvelland"),
            Cell(f, "onderwijsconsulent-engaged", "byMunicipality", Heerlen), Cell(f, "onderwijsconsulent-engaged", "bySubRegion", "maastricht-heuvelland")));

        // Granted in November 12: temporary 6; permanent 5 hidden as the complement of the one unspecified.
        Assert.Equal(("12", "12", "6", "<5", "<5"), (Region(f, "exemptions-granted"), Region(f, "exemptions-granted-by-term"),
            Region(f, "exemptions-granted-by-term:temporary"), Region(f, "exemptions-granted-by-term:permanent"), Region(f, "exemptions-granted-by-term:unspecified")));
        // In force on 30 November: November's 12 and September's 2 (the October one ended): 14, temporary 8.
        Assert.Equal(("14", "14", "8"), (Region(f, "exemptions-active"), Region(f, "exemptions-active-by-term"), Region(f, "exemptions-active-by-term:temporary")));

        // Grey zone: 7 open at the end of October, 5 at the end of November; thuiszitters stay 17.
        Assert.Equal(("5", "7"), (Region(f, "grey-zone-open"), Region(await TrueFiguresAsync("2026-10"), "grey-zone-open")));
        Assert.Equal("5", Cell(f, "grey-zone-open", "bySwv", "swv-po-maastricht-heuvelland"));

        // Late reports: 7; Heerlen's 1 hidden.
        Assert.Equal(("7", "<5"), (Region(f, "late-absence-reports"), Cell(f, "late-absence-reports", "byMunicipality", Heerlen)));

        // The journal has no child reference, and a rebuild from it gives every figure again.
        var before = string.Join("\n", (await TrueFiguresAsync("2026-11")).OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}"));
        await using (var scope = Monitoring.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ReadModelRebuild>().RunAsync(Ct);
        Assert.Equal(before, string.Join("\n", (await TrueFiguresAsync("2026-11")).OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}")));
    }
}
