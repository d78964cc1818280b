using Platform.Contracts.Funding;
using Platform.TestInfrastructure;

namespace Platform.Monitoring.Tests.Apis;

/// <summary>
/// The TLV indicators and participation in special education, on the demo region's pupil counts for
/// 2026-2027 (all pupils 2696; at the special schools 118 at Het Kompas, 164 at De Wissel, 142 at De Berg:
/// 424), checked against figures worked out by hand.
/// </summary>
public sealed class SpecialEducationIndicatorTests(TestServersFixture fixture) : MonitoringTestBase(fixture)
{
    private static DateTimeOffset On(int month, int day) => new(2026, month, day, 9, 0, 0, TimeSpan.Zero);
    private static DateOnly Day(int month, int day, int year = 2026) => new(year, month, day);
    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:000000000000}");
    private const string MhSwv = "swv-po-maastricht-heuvelland";

    private TlvRequested Requested(int n, string kind = "sbo", string home = "GM0935", string location = "27DL00", string school = "school-bs-de-linde",
        string swv = MhSwv, int month = 11, int day = 2) =>
        new(Id(n), Guid.NewGuid(), "cr1-t", home, school, location, swv, kind, Day(month, day).AddDays(42), On(month, day));

    private TlvDecided Granted(TlvRequested r, string receiving, int month, int day, DateOnly validFrom) =>
        new(r.TlvId, "cr1-t", r.HomeMunicipality, r.SwvId, "granted", r.Kind, r.Kind == "sbo" ? null : "midden", receiving, validFrom, Day(7, 31, 2027), r.OccurredAt, On(month, day));

    [Fact]
    public async Task TLV_requests_decisions_participation_and_children_schooled_outside_their_sub_region_come_out_as_counted_by_hand()
    {
        // T1-T5: De Linde asks SBO for Maastricht children on 2 November; granted at Het Kompas on 16 November (14 days).
        for (var n = 1; n <= 5; n++)
        {
            var r = Requested(n);
            await PublishAsync(r);
            await PublishAsync(Granted(r, "27HK00", 11, 16, Day(11, 16)));
        }
        // T6: refused after 18 days. T7: Het Palet asks SO for a Heerlen child. T9: granted at De Wissel in Sittard-Geleen
        // (another sub-region) after 16 days.
        var t6 = Requested(6);
        await PublishAsync(t6);
        await PublishAsync(new TlvDecided(t6.TlvId, "cr1-t", "GM0935", MhSwv, "refused", null, null, null, null, null, t6.OccurredAt, On(11, 20)));
        await PublishAsync(Requested(7, kind: "so", home: "GM0917", location: "19HP00", school: "school-bs-het-palet", swv: "swv-po-parkstad", day: 3));
        var t9 = Requested(9);
        await PublishAsync(t9);
        await PublishAsync(Granted(t9, "23DW00", 11, 18, Day(11, 18)));
        // T8: asked in October, no decision within the term: overdue on 25 November.
        await PublishAsync(new TlvDecisionOverdue(Id(8), MhSwv, "GM0935", Day(11, 24), On(11, 25)));
        // T10: granted in September (so its child is in the 1 October count at Het Kompas), back to regular education on 10 November.
        var t10 = Requested(10, month: 8, day: 25);
        await PublishAsync(t10);
        await PublishAsync(Granted(t10, "27HK00", 9, 1, Day(9, 1)));
        await PublishAsync(new TlvEnded(t10.TlvId, "cr1-t", MhSwv, "terugplaatsing", Day(11, 10), On(11, 10)));
        // Four Heerlen children placed in a collective arrangement at De Linde, Maastricht: outside their sub-region too.
        await PublishAsync(new ArrangementActivated(Id(50), "collective", "27DL00", 10, 5_000_000, Day(11, 1), Day(7, 31, 2027), false, On(11, 1)));
        for (var p = 1; p <= 4; p++)
            await PublishAsync(new PlacementConfirmed(Id(60 + p), Guid.NewGuid(), "cr1-p", Id(50), "collective", Day(11, 5), On(11, 5), "GM0917"));
        await WaitForJournalAsync();

        var f = await TrueFiguresAsync("2026-11");
        AssertPublishedIsTheTruthWithNoise(f, await IndicatorsAsync("2026-11"));
        // Requests: T1-T6, T9 (sbo, 7) and T7 (so, 1) = 8; the single SO request hides the SBO 7; Parkstad's 1 hides Maastricht-Heuvelland's 7.
        Assert.Equal(("8", "<5", "<5"), (Region(f, "tlv-requests"), Region(f, "tlv-requests:sbo"), Region(f, "tlv-requests:so")));
        Assert.Equal(("<5", "<5"), (Cell(f, "tlv-requests", "bySubRegion", "maastricht-heuvelland"), Cell(f, "tlv-requests", "bySubRegion", "parkstad")));
        // Decisions in November: T1-T5 and T9 granted (6), T6 refused (1): 7; after 14, 14, 14, 14, 14, 16, 18 days: median 14.
        Assert.Equal(("7", "<5", "<5", "14.0"), (Region(f, "tlv-decisions"), Region(f, "tlv-decisions:granted-sbo"), Region(f, "tlv-decisions:refused"),
            Region(f, "tlv-decision-median-days")));
        Assert.Equal("7", Cell(f, "tlv-decisions", "bySwv", MhSwv));
        Assert.Equal("<5", Region(f, "tlv-decisions-overdue"));

        // Participation on 30 November: the region's 424 special pupils + 6 admissions since 1 October - 1 terugplaatsing
        // = 429 of 2696 pupils: 15.91%. SWV PO Maastricht-Heuvelland: 118 + 6 - 1 = 123 of 668: 18.41%. Maastricht, where
        // De Linde counted those children: the same 123 of 668. SWV VO Parkstad: 142 of 1578: 9.00%. SWV PO Parkstad has
        // no special school and no admission: 0 children, hidden.
        Assert.Equal("15.91", Region(f, "special-education-participation"));
        Assert.Equal(("18.41", "18.41", "9.00", "<5"), (Cell(f, "special-education-participation", "bySwv", MhSwv),
            Cell(f, "special-education-participation", "byMunicipality", "GM0935"), Cell(f, "special-education-participation", "bySwv", "swv-vo-parkstad"),
            Cell(f, "special-education-participation", "bySwv", "swv-po-parkstad")));
        Assert.Equal("7.62", Cell(f, "special-education-participation", "bySubRegion", "parkstad"));
        // In October (before any of November's admissions, the terugplaatsing not yet): 424 + 0 = 15.73%, SWV PO M-H 118 of 668 = 17.66%.
        var october = await TrueFiguresAsync("2026-10");
        Assert.Equal(("15.73", "17.66"), (Region(october, "special-education-participation"), Cell(october, "special-education-participation", "bySwv", MhSwv)));

        // Outside their sub-region: T9 (Maastricht child at De Wissel) and the four Heerlen children at De Linde: 5.
        Assert.Equal(("5", "<5", "<5"), (Region(f, "schooled-outside-sub-region"), Region(f, "schooled-outside-sub-region:tlv"),
            Region(f, "schooled-outside-sub-region:arrangement")));
    }
}
