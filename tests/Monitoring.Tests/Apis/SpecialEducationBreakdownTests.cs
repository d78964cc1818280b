using Platform.Contracts.Funding;
using Platform.TestInfrastructure;

namespace Platform.Monitoring.Tests.Apis;

/// <summary>
/// Issue #23, Monitoring (seed 000, "deelnamepercentages speciaal onderwijs" and "aantal kinderen dat onderwijs volgt buiten de
/// eigen subregio"): special education by school location with SBO, SO and VSO apart, by the child's municipality of residence,
/// and children schooled outside their sub-region as a stock. The demo region's 2026-2027 count: SBO Het Kompas 118 (Maastricht),
/// SBO De Wissel 164 (Sittard-Geleen), VSO De Berg 142 (Heerlen); all pupils 2696, Parkstad's 1864.
/// </summary>
public sealed class SpecialEducationBreakdownTests(TestServersFixture fixture) : MonitoringTestBase(fixture)
{
    private static DateTimeOffset On(int month, int day) => new(2026, month, day, 9, 0, 0, TimeSpan.Zero);
    private static DateOnly Day(int month, int day) => new(2026, month, day);
    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:000000000000}");
    private const string MhSwv = "swv-po-maastricht-heuvelland";

    private async Task AdmitAsync(int n, string kind, string? receiving, DateOnly decided, string home = "GM0935", string location = "27DL00",
        string school = "school-bs-de-linde", string swv = MhSwv)
    {
        var requested = decided.AddDays(-14);
        var r = new TlvRequested(Id(n), Guid.NewGuid(), "cr1-t", home, school, location, swv, kind, requested.AddDays(42),
            new DateTimeOffset(requested.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        await PublishAsync(r);
        await PublishAsync(new TlvDecided(r.TlvId, "cr1-t", home, swv, "granted", kind, kind == "sbo" ? null : "midden", receiving, decided,
            new DateOnly(2027, 7, 31), r.OccurredAt, new DateTimeOffset(decided.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero)));
    }

    [Fact]
    public async Task Special_education_by_type_by_residence_and_schooled_outside_the_sub_region_as_a_stock_come_out_as_counted_by_hand()
    {
        // Maastricht children asked for by De Linde: T1-T5 SBO at Het Kompas (16 November), T9 SBO at De Wissel in Sittard-Geleen, another
        // sub-region (18 November), T21-T23 SBO at De Wissel in October; T10 SBO at Het Kompas on 1 September (in the count), back to
        // regular education on 10 November. Kerkrade children asked for by College Parkstad: T11-T12 VSO at De Berg, Heerlen (the same
        // sub-region). A Heerlen child asked for by Het Palet: T13 SO, no receiving school named.
        for (var n = 1; n <= 5; n++) await AdmitAsync(n, "sbo", "27HK00", Day(11, 16));
        await AdmitAsync(9, "sbo", "23DW00", Day(11, 18));
        for (var n = 21; n <= 23; n++) await AdmitAsync(n, "sbo", "23DW00", Day(10, 15));
        await AdmitAsync(10, "sbo", "27HK00", Day(9, 1));
        await PublishAsync(new TlvEnded(Id(10), "cr1-t", MhSwv, "terugplaatsing", Day(11, 10), On(11, 10)));
        for (var n = 11; n <= 12; n++)
            await AdmitAsync(n, "vso", "19DB00", Day(11, 17), home: "GM0928", location: "30CP00", school: "school-vo-college-parkstad", swv: "swv-vo-parkstad");
        await AdmitAsync(13, "so", null, Day(11, 19), home: "GM0917", location: "19HP00", school: "school-bs-het-palet", swv: "swv-po-parkstad");
        // Six Heerlen children placed on 5 November in a collective arrangement at De Linde, Maastricht; one placement ended on 20 November.
        await PublishAsync(new ArrangementActivated(Id(50), "collective", "27DL00", 10, 5_000_000, Day(11, 1), new DateOnly(2027, 7, 31), false, On(11, 1)));
        for (var p = 1; p <= 6; p++)
            await PublishAsync(new PlacementConfirmed(Id(60 + p), Guid.NewGuid(), "cr1-p", Id(50), "collective", Day(11, 5), On(11, 5), "GM0917"));
        await PublishAsync(new PlacementEnded(Id(61), Id(50), "cr1-p", "ended", Day(11, 20), On(11, 20)));
        await WaitForJournalAsync();

        var f = await TrueFiguresAsync("2026-11");
        AssertPublishedIsTheTruthWithNoise(f, await IndicatorsAsync("2026-11"));

        // By school location on 30 November: SBO 118 + 164 + 9 admissions since 1 October (T1-T5, T9, T21-T23) − 1 terugplaatsing (T10)
        // = 290; VSO 142 + 2 = 144; SO 1 (T13): 435. SO's 1 is hidden, VSO as its complement.
        Assert.Equal(("435", "290", "<5", "<5"), (Region(f, "special-education-pupils"), Region(f, "special-education-pupils:sbo"),
            Region(f, "special-education-pupils:so"), Region(f, "special-education-pupils:vso")));
        // Maastricht: Het Kompas's 118 and the 9 admissions less the 1 return counted where the children were (De Linde): 126.
        Assert.Equal(("126", "164"), (Cell(f, "special-education-pupils:sbo", "byMunicipality", "GM0935"), Cell(f, "special-education-pupils:sbo", "byMunicipality", "GM1883")));
        // Parkstad: Heerlen 143 (De Berg 142, T13 at Het Palet), Kerkrade 2 (T11-T12 at College Parkstad): Kerkrade hidden, Heerlen as its
        // complement; participation follows the count it could be multiplied back into (Heerlen's pupils are public): hidden in Heerlen too.
        Assert.Equal(("145", "<5", "<5"), (Cell(f, "special-education-pupils", "bySubRegion", "parkstad"), Cell(f, "special-education-pupils", "byMunicipality", "GM0917"),
            Cell(f, "special-education-pupils", "byMunicipality", "GM0928")));
        Assert.Equal(("<5", "<5", "7.78"), (Cell(f, "special-education-participation", "byMunicipality", "GM0917"),
            Cell(f, "special-education-participation", "byMunicipality", "GM0928"), Cell(f, "special-education-participation", "bySubRegion", "parkstad")));
        Assert.Equal("16.14", Region(f, "special-education-participation"));
        // Participation by type, each over all 2696 pupils: SBO 290 = 10.76%; SO and VSO hidden, as their counts are.
        Assert.Equal(("10.76", "<5", "<5"), (Region(f, "special-education-participation:sbo"), Region(f, "special-education-participation:so"),
            Region(f, "special-education-participation:vso")));
        // Parkstad is the only sub-region with VSO pupils: with the region's VSO hidden, Parkstad's VSO count (144) is hidden too, and so is
        // its VSO share (144 of 1864, 7.73%), which would give it back.
        Assert.Equal(("<5", "<5"), (Cell(f, "special-education-pupils:vso", "bySubRegion", "parkstad"), Cell(f, "special-education-participation:vso", "bySubRegion", "parkstad")));
        Assert.Equal(7.73, Math.Round((await TrueValuesAsync("2026-11"))[("special-education-participation:vso", "bySubRegion", "parkstad")], 2));

        // By residence: the admissions running on 30 November by the child's home: Maastricht's 9 SBO, Kerkrade's 2 VSO, Heerlen's 1 SO: 12.
        Assert.Equal(("12", "9", "<5", "<5"), (Region(f, "special-education-by-residence"), Region(f, "special-education-by-residence:sbo"),
            Region(f, "special-education-by-residence:vso"), Region(f, "special-education-by-residence:so")));

        // Outside the sub-region on 30 November: T9 and T21-T23 (Maastricht children at De Wissel) 4, the 5 Heerlen children still placed
        // at De Linde 5: 9. At the end of October only T21-T23: 3, hidden. The flow of November: T9 and the 6 placements: 7.
        Assert.Equal(("9", "<5", "<5"), (Region(f, "schooled-outside-sub-region-open"), Region(f, "schooled-outside-sub-region-open:tlv"),
            Region(f, "schooled-outside-sub-region-open:arrangement")));
        Assert.Equal("7", Region(f, "schooled-outside-sub-region"));
        Assert.Equal("<5", Region(await TrueFiguresAsync("2026-10"), "schooled-outside-sub-region-open"));
    }
}
