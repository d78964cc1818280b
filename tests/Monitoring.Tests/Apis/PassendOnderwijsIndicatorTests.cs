using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Funding;
using Platform.Contracts.Handover;
using Platform.Monitoring.Projection;
using Platform.TestInfrastructure;

namespace Platform.Monitoring.Tests.Apis;

/// <summary>
/// Issue #24, Monitoring (docs/monitoring.md, "Passend onderwijs"): zorgplicht decisions on time, extended or exceeded, extensions,
/// terms exceeded and temporary placements; OPPs set and evaluated on time, OPP terms passed; TLV objections and their result, TLVs
/// expired without a renewal choice (RULES.md §4); disputes at the Geschillencommissie (RULES.md §4); advice revisions upward
/// (RULES.md §7). Events go over the real broker (Funding publishes the dispute events in a parallel branch: published here), the
/// figures of November 2026 are checked against counts worked out by hand, small cells hidden, a redelivery and a replay counted
/// once, and a rebuild from the journal gives every figure again.
/// </summary>
public sealed class PassendOnderwijsIndicatorTests(TestServersFixture fixture) : MonitoringTestBase(fixture)
{
    private static DateTimeOffset On(int month, int day, int year = 2026) => new(year, month, day, 9, 0, 0, TimeSpan.Zero);
    private static DateOnly Day(int month, int day, int year = 2026) => new(year, month, day);
    private int _ids;
    private Guid NextId() => new($"00000000-0000-0000-0000-{++_ids:000000000000}");

    private const string Maastricht = "GM0935", Heerlen = "GM0917", Kerkrade = "GM0928";
    private const string MhPo = "swv-po-maastricht-heuvelland", PkPo = "swv-po-parkstad", PkVo = "swv-vo-parkstad";

    /// <summary>A school of the demo region: organisation, location, kind, municipality, SWV.</summary>
    private sealed record School(string Organisation, string Location, string Kind, string Municipality, string Swv);

    private static readonly School DeLinde = new("school-bs-de-linde", "27DL00", "po", Maastricht, MhPo);
    private static readonly School HetPalet = new("school-bs-het-palet", "19HP00", "po", Heerlen, PkPo);
    private static readonly School HetKompas = new("school-sbo-het-kompas", "27HK00", "sbo", Maastricht, MhPo);
    private static readonly School DeBerg = new("school-vso-de-berg", "19DB00", "vso", Heerlen, PkVo);
    private static readonly School CollegeParkstad = new("school-vo-college-parkstad", "30CP00", "vo", Kerkrade, PkVo);

    private static ZorgplichtDecided Decision(Guid id, School s, string timeliness, DateOnly decided, bool temporarilyPlaced = false) =>
        new(id, "cr1-z", Heerlen, s.Organisation, s.Kind, s.Municipality, s.Swv, "own-school", s.Location, s.Kind, null, decided.AddDays(-40), decided,
            timeliness, temporarilyPlaced, new DateTimeOffset(decided.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));

    private Task ApplicationAsync(School s, DateOnly received) => PublishAsync(new ZorgplichtApplicationRegistered(NextId(), Guid.NewGuid(), "cr1-z",
        // The child lives in Kerkrade: zorgplicht figures count where the school is, never there.
        Kerkrade, s.Organisation, s.Location, s.Kind, s.Municipality, s.Swv, received, received.AddDays(42), true, null, On(received.Month, received.Day)));

    private Task OppEstablishedAsync(Guid id, School s, bool onTime, DateOnly setOn) =>
        PublishAsync(new OppEstablished(id, "cr1-o", s.Kind, s.Municipality, s.Swv, setOn, onTime, setOn.AddYears(1), On(setOn.Month, setOn.Day, setOn.Year)));

    private Task OppEvaluatedAsync(Guid id, School s, bool onTime, DateOnly on) =>
        PublishAsync(new OppEvaluated(id, s.Kind, s.Municipality, s.Swv, on, onTime, on.AddYears(1), On(on.Month, on.Day, on.Year)));

    private static DisputeFiled Dispute(Guid id, School s, string subject, DateOnly filedOn) =>
        new(id, Guid.NewGuid(), "cr1-d", Kerkrade, subject, null, null, s.Organisation, s.Kind, s.Municipality, s.Swv, filedOn.AddDays(-20), filedOn, true,
            filedOn.AddDays(14), filedOn.AddDays(70), On(filedOn.Month, filedOn.Day));

    /// <summary>A TLV requested by De Linde for a Maastricht child and granted (SBO at Het Kompas) until <paramref name="validUntil"/>.</summary>
    private async Task<Guid> GrantedTlvAsync(DateOnly validUntil)
    {
        var id = NextId();
        await PublishAsync(new TlvRequested(id, Guid.NewGuid(), "cr1-t", Maastricht, DeLinde.Organisation, DeLinde.Location, MhPo, "sbo", Day(3, 14), On(2, 1)));
        await PublishAsync(new TlvDecided(id, "cr1-t", Maastricht, MhPo, "granted", "sbo", null, HetKompas.Location, Day(3, 1), validUntil, On(2, 1), On(3, 1)));
        return id;
    }

    [Fact]
    public async Task Passend_onderwijs_indicators_of_issue_24_come_out_as_counted_by_hand_once_per_event_and_again_after_a_rebuild()
    {
        // RULES.md §4, zorgplicht. Applications received in November: De Linde (Maastricht) 7, Het Palet (Heerlen) 2; one in October.
        for (var i = 0; i < 7; i++) await ApplicationAsync(DeLinde, Day(11, 3));
        for (var i = 0; i < 2; i++) await ApplicationAsync(HetPalet, Day(11, 4));
        await ApplicationAsync(DeLinde, Day(10, 30));
        // Decisions in November: De Linde 6 on time and 3 within the extended term; Het Palet 1 after the term, the child placed
        // temporarily before it. One decided on 1 December is December's.
        var onTime = Enumerable.Range(0, 6).Select(_ => NextId()).ToList();
        foreach (var id in onTime) await PublishAsync(Decision(id, DeLinde, "on-time", Day(11, 10)));
        for (var i = 0; i < 3; i++) await PublishAsync(Decision(NextId(), DeLinde, "extended", Day(11, 17)));
        var late = NextId();
        await PublishAsync(Decision(late, HetPalet, "exceeded", Day(11, 24), temporarilyPlaced: true));
        await PublishAsync(Decision(NextId(), DeLinde, "on-time", Day(12, 1)));
        // A redelivery (the same message id: the inbox stops it) and a replay under a new message id (counted once by its key).
        var again = Guid.NewGuid();
        await PublishAsync(Decision(onTime[0], DeLinde, "on-time", Day(11, 10)), again);
        await PublishAsync(Decision(onTime[0], DeLinde, "on-time", Day(11, 10)), again, counts: false);
        await PublishAsync(Decision(onTime[1], DeLinde, "on-time", Day(11, 10)));
        // Extended once by 4 weeks, recorded in November: 5 at De Linde. Het Palet's term exceeded (noticed 10 November; the child
        // of compulsory school age without a place) and the child placed temporarily from 12 November, 10 weeks after applying.
        for (var i = 0; i < 5; i++)
            await PublishAsync(new ZorgplichtTermExtended(NextId(), "cr1-z", DeLinde.Organisation, "po", Maastricht, MhPo, Day(11, 2), Day(11, 30), Day(11, 2), On(11, 2)));
        await PublishAsync(new ZorgplichtTermExceeded(late, "cr1-z", Kerkrade, HetPalet.Organisation, "po", Heerlen, PkPo, Day(11, 9), false, true, On(11, 10)));
        await PublishAsync(new ZorgplichtTemporarilyPlaced(late, "cr1-z", Kerkrade, HetPalet.Organisation, HetPalet.Location, "po", Heerlen, PkPo, Day(11, 12), On(11, 12)));

        // RULES.md §4, OPP: set in November at SBO Het Kompas 5 within 6 weeks of enrolment, at VSO De Berg 2 late (one of them known
        // from its OppRequired first). Evaluated in November at Het Kompas 6 on time, one of those also in November 2025 (a year's
        // evaluation each: not this November's). Terms passed in November: De Berg's 2 establishments.
        for (var i = 0; i < 5; i++) await OppEstablishedAsync(NextId(), HetKompas, onTime: true, Day(11, 5));
        var required = NextId();
        await PublishAsync(new OppRequired(required, "cr1-o", DeBerg.Organisation, DeBerg.Location, "vso", Heerlen, PkVo, "school-type", Day(9, 1), Day(10, 13), On(9, 1)));
        await OppEstablishedAsync(required, DeBerg, onTime: false, Day(11, 6));
        await OppEstablishedAsync(NextId(), DeBerg, onTime: false, Day(11, 6));
        var evaluated = Enumerable.Range(0, 6).Select(_ => NextId()).ToList();
        foreach (var id in evaluated) await OppEvaluatedAsync(id, HetKompas, onTime: true, Day(11, 20));
        await OppEvaluatedAsync(evaluated[0], HetKompas, onTime: true, Day(11, 20, 2025));
        for (var i = 0; i < 2; i++)
            await PublishAsync(new OppOverdue(NextId(), DeBerg.Organisation, "vso", Heerlen, PkVo, "establishment", Day(10, 31), On(11, 1)));

        // RULES.md §4, TLV objections: 5 TLVs of Maastricht children (De Linde asked) objected to in November; 3 rejected, 2 upheld.
        // TLVs whose validity ran out on 30 November: 8; an extension was chosen for one, a terugplaatsing planned for another (its choice
        // arriving after the expiry): 6 expired without a choice. One that ended by terugplaatsing on 20 November did not expire.
        var objected = new List<Guid>();
        for (var i = 0; i < 5; i++) objected.Add(await GrantedTlvAsync(Day(7, 31, 2027)));
        foreach (var id in objected) await PublishAsync(new TlvObjectionFiled(id, "cr1-t", MhPo, DeLinde.Organisation, Day(11, 20), On(11, 6)));
        for (var i = 0; i < 5; i++)
            await PublishAsync(new TlvObjectionDecided(objected[i], "cr1-t", MhPo, i < 3 ? "rejected" : "upheld", "granted", "sbo", null, Day(3, 1), Day(7, 31, 2027), On(11, 25)));
        var expiring = new List<Guid>();
        for (var i = 0; i < 8; i++) expiring.Add(await GrantedTlvAsync(Day(11, 30)));
        await PublishAsync(new TlvRenewalChosen(expiring[0], "cr1-t", MhPo, "extend", NextId(), null, DeLinde.Organisation, On(9, 15)));
        foreach (var id in expiring) await PublishAsync(new TlvEnded(id, "cr1-t", MhPo, "expired", Day(11, 30), On(12, 1)));
        await PublishAsync(new TlvRenewalChosen(expiring[1], "cr1-t", MhPo, "terugplaatsing", null, Day(11, 28), DeLinde.Organisation, On(9, 16)));
        var returned = await GrantedTlvAsync(Day(11, 30));
        await PublishAsync(new TlvEnded(returned, "cr1-t", MhPo, "terugplaatsing", Day(11, 20), On(11, 20)));

        // RULES.md §4, disputes filed in November: admission refused 4 (De Linde), removal 1 (College Parkstad, Kerkrade), OPP 1 (Het
        // Kompas): 6, one replayed under a new message id. Concluded in November: 5 unfounded (De Linde). A term passed: 1 (answer).
        var disputes = new List<DisputeFiled>();
        for (var i = 0; i < 4; i++) disputes.Add(Dispute(NextId(), DeLinde, "admission-refused", Day(11, 9)));
        disputes.Add(Dispute(NextId(), CollegeParkstad, "removal", Day(11, 9)));
        disputes.Add(Dispute(NextId(), HetKompas, "opp", Day(11, 9)));
        foreach (var d in disputes) await PublishAsync(d);
        await PublishAsync(disputes[0]);
        for (var i = 0; i < 5; i++)
            await PublishAsync(new DisputeConcluded(NextId(), "cr1-d", "admission-refused", "po", Maastricht, MhPo, "unfounded", Day(11, 26), true, On(11, 26)));
        await PublishAsync(new DisputeTermPassed(disputes[4].DisputeId, CollegeParkstad.Organisation, "vo", Kerkrade, PkVo, "answer", Day(11, 23), On(11, 24)));

        // RULES.md §7, advice revisions (only upward): 6 PO→VO handovers from De Linde (Maastricht) to College Parkstad (Kerkrade),
        // each raised once in November, one twice (vmbo-gt → havo → havo/vwo): 7. One handover's revision arrives before its start.
        // Provisional and final advices are no revisions; a handover of another switch makes no advice subject.
        var handovers = Enumerable.Range(0, 6).Select(_ => NextId()).ToList();
        await PublishAsync(new SchoolAdviceGiven(handovers[0], "revision", "havo", Day(11, 12), false, On(11, 12)));
        foreach (var h in handovers)
            await PublishAsync(new HandoverStarted(h, "cr1-h", "primary-to-secondary", DeLinde.Organisation, CollegeParkstad.Organisation, Day(12, 20), false, On(10, 1)));
        foreach (var h in handovers.Skip(1)) await PublishAsync(new SchoolAdviceGiven(h, "revision", "havo", Day(11, 12), false, On(11, 12)));
        await PublishAsync(new SchoolAdviceGiven(handovers[1], "revision", "havo/vwo", Day(11, 19), false, On(11, 19)));
        await PublishAsync(new SchoolAdviceGiven(handovers[2], "final", "vmbo-gt", Day(11, 3), false, On(11, 3)));
        await PublishAsync(new SchoolAdviceGiven(handovers[2], "provisional", "vmbo-gt", Day(11, 2), false, On(11, 2)));
        await PublishAsync(new HandoverStarted(NextId(), "cr1-h", "sbo-to-primary", HetKompas.Organisation, DeLinde.Organisation, Day(12, 20), true, On(10, 1)));
        await WaitForJournalAsync();

        var f = await TrueFiguresAsync("2026-11");
        AssertPublishedIsTheTruthWithNoise(f, await IndicatorsAsync("2026-11"));

        // Zorgplicht: 9 applications (the school's municipality, not the child's Kerkrade: Kerkrade's cell is empty); Heerlen's 2 hidden,
        // Maastricht's 7 as its complement in the sub-regions' row... and the SWVs: swv-po-parkstad 2 hidden, swv-po-maastricht-heuvelland too.
        Assert.Equal(("9", "<5", "<5", "<5"), (Region(f, "zorgplicht-applications"), Cell(f, "zorgplicht-applications", "byMunicipality", Heerlen),
            Cell(f, "zorgplicht-applications", "byMunicipality", Kerkrade), Cell(f, "zorgplicht-applications", "bySwv", PkPo)));
        Assert.Equal(0, (await TrueValuesAsync("2026-11"))[("zorgplicht-applications", "byMunicipality", Kerkrade)]);
        // Decisions: 10, on time 6, extended 3 and exceeded 1 hidden (the redelivery and the replay counted once).
        Assert.Equal(("10", "6", "<5", "<5"), (Region(f, "zorgplicht-decisions"), Region(f, "zorgplicht-decisions:on-time"),
            Region(f, "zorgplicht-decisions:extended"), Region(f, "zorgplicht-decisions:exceeded")));
        // Heerlen's 1 is hidden, and Maastricht's 9 with it: Parkstad's 1 hides Maastricht-Heuvelland as its complement in the region's
        // row of sub-regions, and a hidden sub-region needs a hidden municipality.
        Assert.Equal(("<5", "<5", "<5"), (Cell(f, "zorgplicht-decisions", "byMunicipality", Maastricht), Cell(f, "zorgplicht-decisions", "bySubRegion", "maastricht-heuvelland"),
            Cell(f, "zorgplicht-decisions:exceeded", "byMunicipality", Heerlen)));
        Assert.Equal(9, (await TrueValuesAsync("2026-11"))[("zorgplicht-decisions", "byMunicipality", Maastricht)]);
        Assert.Equal(("5", "<5", "<5"), (Region(f, "zorgplicht-terms-extended"), Region(f, "zorgplicht-terms-exceeded"), Region(f, "zorgplicht-temporary-placements")));
        Assert.Equal(1, (await TrueValuesAsync("2026-11"))[("zorgplicht-temporary-placements", "bySwv", PkPo)]);

        // OPP: set 7, on time 5 hidden as the complement of the 2 late ones; evaluated 6 (November 2025's evaluation is not November
        // 2026's); 2 establishments overdue, hidden.
        Assert.Equal(("7", "<5", "<5"), (Region(f, "opp-established"), Region(f, "opp-established:on-time"), Region(f, "opp-established:late")));
        Assert.Equal(("6", "6", "<5"), (Region(f, "opp-evaluated"), Region(f, "opp-evaluated:on-time"), Region(f, "opp-overdue")));
        Assert.Equal("6", Cell(f, "opp-evaluated", "bySwv", MhPo));
        Assert.Equal("<5", Region(await TrueFiguresAsync("2025-11"), "opp-evaluated"));

        // TLV: 5 objections (Maastricht, the children's home, as the other TLV figures); decided 5: rejected 3 and upheld 2 hidden.
        // Expired without a renewal choice: 6.
        Assert.Equal(("5", "5", "5", "<5", "<5"), (Region(f, "tlv-objections"), Cell(f, "tlv-objections", "byMunicipality", Maastricht),
            Region(f, "tlv-objections-decided"), Region(f, "tlv-objections-decided:rejected"), Region(f, "tlv-objections-decided:upheld")));
        Assert.Equal(("6", "6"), (Region(f, "tlv-expired-without-renewal"), Cell(f, "tlv-expired-without-renewal", "bySwv", MhPo)));

        // Disputes: filed 6 (the replay once), by subject all hidden (admission refused 4, removal 1, OPP 1); concluded 5 unfounded.
        Assert.Equal(("6", "<5", "<5", "<5"), (Region(f, "disputes-filed"), Region(f, "disputes-filed:admission-refused"),
            Region(f, "disputes-filed:removal"), Region(f, "disputes-filed:opp")));
        Assert.Equal(("5", "5", "<5"), (Region(f, "disputes-concluded"), Region(f, "disputes-concluded:unfounded"), Region(f, "dispute-terms-passed")));

        // Advice revisions: 7, all where the sending school is (De Linde, Maastricht, its PO SWV); none at the receiving VO school.
        Assert.Equal(("7", "7", "7", "<5"), (Region(f, "school-advice-raised"), Cell(f, "school-advice-raised", "byMunicipality", Maastricht),
            Cell(f, "school-advice-raised", "bySwv", MhPo), Cell(f, "school-advice-raised", "byMunicipality", Kerkrade)));

        // The page shows the new group with its rows, and the CSV has their lines.
        var page = await As().GetStringAsync("/api/monitoring/dashboard?period=2026-11", Ct);
        Assert.Contains("data-group=\"passend-onderwijs\"", page);
        Assert.Contains("Besluiten op bezwaar tegen een TLV: ongegrond", page);
        Assert.Contains("data-indicator=\"school-advice-raised\"", page);
        var csv = await As().GetStringAsync("/api/monitoring/indicators.csv?period=2026-11", Ct);
        Assert.Contains("2026-11,zorgplicht-decisions:on-time,", csv);

        // The journal has no child reference, and a rebuild from it gives every figure again.
        var before = string.Join("\n", (await TrueFiguresAsync("2026-11")).OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}"));
        await using (var scope = Monitoring.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ReadModelRebuild>().RunAsync(Ct);
        Assert.Equal(before, string.Join("\n", (await TrueFiguresAsync("2026-11")).OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}")));
    }
}
