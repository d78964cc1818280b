using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Attendance;
using Platform.Contracts.Funding;
using Platform.Contracts.Handover;
using Platform.Contracts.Intake;
using Platform.Monitoring.Infrastructure;
using Platform.Monitoring.Projection;
using Platform.TestInfrastructure;

namespace Platform.Monitoring.Tests.Apis;

/// <summary>
/// A known month of the region, from all four services' events on the real broker, checked indicator
/// by indicator against figures worked out by hand (in the comments), suppression included: the true
/// figures the service keeps inside, and the published ones as those with the cell-key noise (ADR-0014);
/// then the read model is thrown away and rebuilt from the journal, and every figure must come out the
/// same, the noise included.
/// </summary>
public sealed class MonitoringScenarioTests(TestServersFixture fixture) : MonitoringTestBase(fixture)
{
    private static DateTimeOffset On(int month, int day, int year = 2026) => new(year, month, day, 9, 0, 0, TimeSpan.Zero);
    private static DateOnly Day(int month, int day, int year = 2026) => new(year, month, day);
    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:000000000000}");

    private const string Maastricht = "GM0935", Heerlen = "GM0917", Beek = "GM0888", Kerkrade = "GM0928";
    private const string DeLinde = "school-bs-de-linde", HetPalet = "school-bs-het-palet";

    private async Task FeedTheMonthAsync()
    {
        // Intake. Referrals: Maastricht 8 (De Linde), Heerlen 6 (Het Palet), Beek 2 (JGZ); one in October.
        for (var i = 1; i <= 8; i++) await PublishAsync(new ReferralSubmitted(Id(100 + i), "cr1-r", DeLinde, "school", Maastricht, ["learning"], "soon", On(11, 10)));
        for (var i = 9; i <= 14; i++) await PublishAsync(new ReferralSubmitted(Id(100 + i), "cr1-r", HetPalet, "school", Heerlen, ["learning"], "soon", On(11, 10)));
        for (var i = 15; i <= 16; i++) await PublishAsync(new ReferralSubmitted(Id(100 + i), "cr1-r", "jgz-zuid-limburg", "jgz", Beek, ["health-development"], "regular", On(11, 10)));
        await PublishAsync(new ReferralSubmitted(Id(117), "cr1-r", DeLinde, "school", Maastricht, ["learning"], "soon", On(10, 15)));
        // Duplicates: a redelivery (same message id: the inbox stops it) and a replay under a new message id (counted once by its key).
        var again = Guid.NewGuid();
        await PublishAsync(new ReferralSubmitted(Id(101), "cr1-r", DeLinde, "school", Maastricht, ["learning"], "soon", On(11, 10)), again);
        await PublishAsync(new ReferralSubmitted(Id(101), "cr1-r", DeLinde, "school", Maastricht, ["learning"], "soon", On(11, 10)), again, counts: false);

        // Cases C1-C5 in Maastricht, referred 2 Nov: first knooppunt after 7, 9, 10, 12, 14 days; next step after 8, 9, 12, 13, 20.
        int[] held = [9, 11, 12, 14, 16], step = [10, 11, 14, 15, 22];
        // C1's second knooppunt arrives before its first: the first one must still count.
        await PublishAsync(new KnooppuntHeld(Id(201), Id(301), Maastricht, On(11, 2), Day(11, 25), Day(11, 26), DeLinde, On(11, 25)));
        for (var c = 0; c < 5; c++)
        {
            await PublishAsync(new CaseOpened(Id(201 + c), "cr1-c", Maastricht, "gemeente-maastricht", On(11, 2), Day(11, 16), On(11, 3), DeLinde));
            await PublishAsync(new KnooppuntHeld(Id(201 + c), Id(310 + c), Maastricht, On(11, 2), Day(11, held[c]), Day(11, step[c]), DeLinde, On(11, held[c])));
        }
        // C6, C7 in Heerlen, referred 20 Oct: 20 and 30 days to the knooppunt, 21 and 31 to the step.
        await PublishAsync(new CaseOpened(Id(206), "cr1-c", Heerlen, "gemeente-heerlen", On(10, 20), Day(11, 3), On(10, 21), HetPalet));
        await PublishAsync(new KnooppuntHeld(Id(206), Id(320), Heerlen, On(10, 20), Day(11, 9), Day(11, 10), HetPalet, On(11, 9)));
        await PublishAsync(new CaseOpened(Id(207), "cr1-c", Heerlen, "gemeente-heerlen", On(10, 20), Day(11, 3), On(10, 21), HetPalet));
        await PublishAsync(new KnooppuntHeld(Id(207), Id(321), Heerlen, On(10, 20), Day(11, 19), Day(11, 20), HetPalet, On(11, 19)));
        await PublishAsync(new KnooppuntOverdue(Id(208), Maastricht, "gemeente-maastricht", Day(11, 19), On(11, 20)));

        // Attendance. T1-T7: Maastricht, enrolled at De Linde, at home since 1 Oct, registered 3 Nov.
        // T8-T12: Heerlen, not enrolled, at home since 1 Aug, registered 4 Nov. T13-T15: Maastricht, since 15 Jun, registered 20 Aug.
        // T1's resolution arrives before its registration.
        await PublishAsync(new ThuiszitterResolved(Id(401), Maastricht, "placed-in-arrangement", Day(10, 1), false, On(11, 20)));
        for (var t = 1; t <= 7; t++)
            await PublishAsync(new ThuiszitterRegistered(Id(400 + t), "cr1-t", Maastricht, "long-term-relative", Day(10, 1), Day(12, 1), Day(1, 1, 2027), On(11, 3), DeLinde));
        for (var t = 8; t <= 12; t++)
            await PublishAsync(new ThuiszitterRegistered(Id(400 + t), "cr1-t", Heerlen, "absolute", Day(8, 1), Day(12, 2), Day(11, 1), On(11, 4)));
        for (var t = 13; t <= 15; t++)
            await PublishAsync(new ThuiszitterRegistered(Id(400 + t), "cr1-t", Maastricht, "long-term-relative", Day(6, 15), Day(9, 17), Day(9, 15), On(8, 20), DeLinde));
        await PublishAsync(new ThuiszitterResolved(Id(402), Maastricht, "attending-again", Day(10, 1), false, On(11, 20)));
        await PublishAsync(new ThuiszitterResolved(Id(413), Maastricht, "exempted", Day(6, 15), true, On(11, 20)));
        await PublishAsync(new ThuiszitterResolved(Id(414), Maastricht, "attending-again", Day(6, 15), true, On(11, 20)));
        await PublishAsync(new ThuiszitterResolved(Id(408), Heerlen, "attending-again", Day(8, 1), false, On(11, 20)));
        for (var t = 9; t <= 12; t++) await PublishAsync(new ThuiszitterEscalated(Id(400 + t), "cr1-t", Heerlen, Day(8, 1), On(11, 2)));

        // Exemptions: 5 × 5a and 1 × 5c in Maastricht in November; a 5b in Heerlen since September that ended 15 November.
        for (var e = 1; e <= 5; e++) await PublishAsync(new ExemptionGranted(Id(500 + e), "cr1-e", Maastricht, "5a", Day(11, 5), Day(7, 31, 2027), On(11, 5)));
        await PublishAsync(new ExemptionGranted(Id(506), "cr1-e", Maastricht, "5c", Day(11, 6), Day(7, 31, 2027), On(11, 6)));
        await PublishAsync(new ExemptionGranted(Id(507), "cr1-e", Heerlen, "5b", Day(9, 1), Day(7, 31, 2027), On(9, 1)));
        await PublishAsync(new ExemptionEnded(Id(507), "cr1-e", Heerlen, "5b", Day(11, 15), On(11, 15)));

        // Funding. A1 at De Linde (27DL00, 12 places), A2 at Het Palet (19HP00, 8), A3 at De Wissel (23DW00, 6, ended 20 Nov).
        await PublishAsync(new ArrangementActivated(Id(601), "collective", "27DL00", 12, 9_000_000, Day(11, 1), Day(7, 31, 2027), false, On(11, 2)));
        await PublishAsync(new ArrangementActivated(Id(602), "collective", "19HP00", 8, 6_000_000, Day(11, 1), Day(7, 31, 2027), false, On(11, 3)));
        await PublishAsync(new ArrangementActivated(Id(603), "collective", "23DW00", 6, 4_000_000, Day(11, 1), Day(7, 31, 2027), false, On(11, 4)));
        await PublishAsync(new ArrangementEnded(Id(603), "ended", Day(11, 20), On(11, 20)));
        // Nine children placed collectively: six in A1 (Maastricht), one in A2 (Heerlen), two in A3 (Sittard-Geleen, one left 10 Nov).
        for (var p = 1; p <= 6; p++) await PublishAsync(new PlacementConfirmed(Id(700 + p), Id(800 + p), "cr1-p", Id(601), "collective", Day(11, 5), On(11, 5), Maastricht));
        await PublishAsync(new PlacementConfirmed(Id(707), Id(807), "cr1-p", Id(602), "collective", Day(11, 6), On(11, 6), Heerlen));
        await PublishAsync(new PlacementConfirmed(Id(708), Id(808), "cr1-p", Id(603), "collective", Day(11, 6), On(11, 6), "GM1883"));
        await PublishAsync(new PlacementConfirmed(Id(709), Id(809), "cr1-p", Id(603), "collective", Day(11, 6), On(11, 6), "GM1883"));
        await PublishAsync(new PlacementEnded(Id(709), Id(603), "cr1-p", "handover", Day(11, 10), On(11, 10)));
        // One individual arrangement started for a Heerlen child; another was drafted only.
        await PublishAsync(new IndividualArrangementProposed(Id(611), Id(811), "cr1-i", Heerlen, On(11, 8)));
        await PublishAsync(new ArrangementActivated(Id(611), "individual", "19HP00", 1, 800_000, Day(11, 12), Day(6, 30, 2027), false, On(11, 12)));
        await PublishAsync(new PlacementConfirmed(Id(710), Id(810), "cr1-i", Id(611), "individual", Day(11, 12), On(11, 12), Heerlen));
        await PublishAsync(new IndividualArrangementProposed(Id(612), Id(812), "cr1-i2", Maastricht, On(11, 9)));
        // Five disputes: 3 rejected, 2 past the deadline; decided after 10, 10, 15, 20, 20 days: 4 fund, 1 refuse.
        (int Id, string Cause, int Escalated, int Decided, string Outcome)[] disputes =
            [(621, "rejected", 3, 13, "fund"), (622, "deadline", 4, 14, "fund"), (623, "rejected", 5, 20, "refuse"), (624, "rejected", 6, 26, "fund"), (625, "deadline", 7, 27, "fund")];
        foreach (var d in disputes)
        {
            await PublishAsync(new ArrangementEscalated(Id(d.Id), d.Cause, "escalatietafel-zuid-limburg", On(11, d.Escalated)));
            await PublishAsync(new EscalationDecided(Id(d.Id), d.Outcome, On(11, d.Escalated), On(11, d.Decided)));
        }

        // Handover: six to College Parkstad (Kerkrade), one of them late; one terugplaatsing from SBO to De Linde.
        for (var h = 1; h <= 6; h++)
            await PublishAsync(new HandoverCompleted(Id(900 + h), "cr1-h", "primary-to-secondary", DeLinde, "school-vo-college-parkstad", On(11, 10), OnTime: h != 6));
        await PublishAsync(new HandoverCompleted(Id(907), "cr1-h", "sbo-to-primary", "school-sbo-het-kompas", DeLinde, On(11, 12), OnTime: true, Terugplaatsing: true));

        await WaitForJournalAsync();
    }

    [Fact]
    public async Task A_known_month_gives_the_hand_counted_figures_counts_once_and_a_rebuild_gives_identical_figures()
    {
        await FeedTheMonthAsync();
        var f = await TrueFiguresAsync("2026-11");
        // Published: the same cells hidden, every count of children within ±2 of the hand count.
        AssertPublishedIsTheTruthWithNoise(f, await IndicatorsAsync("2026-11"));

        // Referrals: 16 in November (the replay of R1 and its redelivery count once). Beek's 2 are hidden,
        // and so is Parkstad (6), or 16 - 8 - 2... would reveal Westelijke Mijnstreek. Parkstad is all
        // Heerlen, so Heerlen is hidden with it.
        Assert.Equal("16", Region(f, "referrals-received"));
        Assert.Equal(("8", "<5", "<5"), (Cell(f, "referrals-received", "bySubRegion", "maastricht-heuvelland"),
            Cell(f, "referrals-received", "bySubRegion", "westelijke-mijnstreek"), Cell(f, "referrals-received", "bySubRegion", "parkstad")));
        Assert.Equal(("8", "<5", "<5"), (Cell(f, "referrals-received", "byMunicipality", Maastricht),
            Cell(f, "referrals-received", "byMunicipality", Heerlen), Cell(f, "referrals-received", "byMunicipality", Beek)));
        Assert.Equal(("8", "<5", "<5"), (Cell(f, "referrals-received", "bySwv", "swv-po-maastricht-heuvelland"),
            Cell(f, "referrals-received", "bySwv", "swv-po-parkstad"), Cell(f, "referrals-received", "bySwv", "none")));

        // Knooppunten: 8 held (C1 twice). Parkstad's 2 hide Maastricht-Heuvelland's 6.
        Assert.Equal(("8", "<5", "<5"), (Region(f, "knooppunt-held"), Cell(f, "knooppunt-held", "bySubRegion", "maastricht-heuvelland"),
            Cell(f, "knooppunt-held", "bySubRegion", "parkstad")));
        // First knooppunten: 7, 9, 10, 12, 14 (Maastricht), 20, 30 (Heerlen): median 12; Maastricht alone 10; Heerlen's 2 hidden.
        Assert.Equal(("12.0", "10.0", "<5"), (Region(f, "days-to-knooppunt"), Cell(f, "days-to-knooppunt", "byMunicipality", Maastricht),
            Cell(f, "days-to-knooppunt", "byMunicipality", Heerlen)));
        // Next steps: 8, 9, 12, 13, 20, 21, 31: median 13; Maastricht 12.
        Assert.Equal(("13.0", "12.0"), (Region(f, "days-to-first-step"), Cell(f, "days-to-first-step", "bySubRegion", "maastricht-heuvelland")));
        Assert.Equal("<5", Region(f, "knooppunt-overdue"));

        // Thuiszitters registered in November: 7 Maastricht (long-term relative), 5 Heerlen (absolute): all shown.
        Assert.Equal(("12", "7", "5"), (Region(f, "thuiszitters-new"), Cell(f, "thuiszitters-new", "byMunicipality", Maastricht),
            Cell(f, "thuiszitters-new", "byMunicipality", Heerlen)));
        Assert.Equal(("7", "5"), (Region(f, "thuiszitters-new:long-term-relative"), Region(f, "thuiszitters-new:absolute")));
        Assert.Equal(("7", "5"), (Cell(f, "thuiszitters-new", "bySwv", "swv-po-maastricht-heuvelland"), Cell(f, "thuiszitters-new", "bySwv", "none")));
        // Open on 30 November: T3-T7 and T15 (Maastricht, 6), T9-T12 (Heerlen, 4). Heerlen's 4 takes Maastricht's 6 with it,
        // and by kind absolute 4 takes long-term-relative 6 with it.
        Assert.Equal(("10", "<5", "<5"), (Region(f, "thuiszitters-open"), Cell(f, "thuiszitters-open", "byMunicipality", Maastricht),
            Cell(f, "thuiszitters-open", "byMunicipality", Heerlen)));
        Assert.Equal(("<5", "<5"), (Region(f, "thuiszitters-open:absolute"), Region(f, "thuiszitters-open:long-term-relative")));
        // More than 3 months at home on 30 November: T15 (since 15 Jun) and T9-T12 (since 1 Aug); T3-T7 (since 1 Oct) not yet.
        Assert.Equal("5", Region(f, "thuiszitters-over-3-months"));
        // Resolved in November: T1, T2, T13, T14 (Maastricht) and T8 (Heerlen), after 50, 50, 158, 158 and 111 days: median 111.
        Assert.Equal(("5", "111.0", "<5"), (Region(f, "thuiszitters-resolved"), Region(f, "thuiszitters-median-days"),
            Cell(f, "thuiszitters-median-days", "byMunicipality", Maastricht)));
        Assert.Equal(("<5", "<5", "<5"), (Region(f, "thuiszitters-resolved:attending-again"), Region(f, "thuiszitters-resolved:exempted"),
            Region(f, "thuiszitters-resolved:placed-in-arrangement")));
        Assert.Equal("<5", Region(f, "thuiszitters-escalated"));

        // Exemptions: 6 granted (5 × 5a, 1 × 5c): the 5c's 1 hides the 5a's 5. In force on 30 November: the same 6 (the 5b ended).
        Assert.Equal(("6", "<5", "<5"), (Region(f, "exemptions-granted"), Region(f, "exemptions-granted:5a"), Region(f, "exemptions-granted:5c")));
        Assert.Equal(("6", "<5"), (Region(f, "exemptions-active"), Region(f, "exemptions-active:5a")));
        Assert.False(f.ContainsKey("exemptions-active:5b"));

        // Collective arrangements running on 30 November: A1 and A2 (A3 ended), 20 places. Not about children: exact.
        Assert.Equal(("2", "1", "1", "0"), (Region(f, "collective-arrangements-active"), Cell(f, "collective-arrangements-active", "bySubRegion", "maastricht-heuvelland"),
            Cell(f, "collective-arrangements-active", "bySubRegion", "parkstad"), Cell(f, "collective-arrangements-active", "bySubRegion", "westelijke-mijnstreek")));
        Assert.Equal(("20", "12", "8"), (Region(f, "collective-places"), Cell(f, "collective-places", "byMunicipality", Maastricht),
            Cell(f, "collective-places", "byMunicipality", Heerlen)));
        // Occupancy: 7 children in 20 places (35%); Maastricht 6 of 12 (50%); Heerlen's 1 child hides its share.
        Assert.Equal(("35.00", "50.00", "<5"), (Region(f, "collective-occupancy"), Cell(f, "collective-occupancy", "byMunicipality", Maastricht),
            Cell(f, "collective-occupancy", "byMunicipality", Heerlen)));
        // Nine individual decisions replaced by collective places: Maastricht 6, Heerlen 1, Sittard-Geleen 2 (the small ones hide each other).
        Assert.Equal(("9", "6", "<5", "<5"), (Region(f, "individual-decisions-replaced"), Cell(f, "individual-decisions-replaced", "bySubRegion", "maastricht-heuvelland"),
            Cell(f, "individual-decisions-replaced", "bySubRegion", "parkstad"), Cell(f, "individual-decisions-replaced", "bySubRegion", "westelijke-mijnstreek")));
        Assert.Equal("6", Cell(f, "individual-decisions-replaced", "bySwv", "swv-po-maastricht-heuvelland"));
        Assert.Equal("<5", Region(f, "individual-arrangements"));
        // Disputes: 5 escalated (3 rejected, 2 deadline: hidden), 5 decided (4 fund, 1 refuse: hidden), median 15 days.
        Assert.Equal(("5", "<5", "<5"), (Region(f, "funding-escalations"), Region(f, "funding-escalations:rejected"), Region(f, "funding-escalations:deadline")));
        Assert.Equal(("5", "<5", "15.0"), (Region(f, "funding-escalations-decided"), Region(f, "funding-escalations-decided:fund"), Region(f, "funding-escalation-median-days")));

        // Handovers: 7 completed (6 on time, 1 late: both hidden), Kerkrade's 6 hidden by Maastricht's 1; the on-time share
        // (6 of 7) would reveal the single late one, so it is hidden too. One terugplaatsing.
        Assert.Equal(("7", "<5", "<5"), (Region(f, "handovers-completed"), Region(f, "handovers-completed:on-time"), Region(f, "handovers-completed:late")));
        Assert.Equal(("<5", "<5"), (Cell(f, "handovers-completed", "byMunicipality", Kerkrade), Cell(f, "handovers-completed", "byMunicipality", Maastricht)));
        Assert.Equal("<5", Region(f, "handovers-on-time-rate"));
        Assert.Equal("<5", Region(f, "terugplaatsingen"));

        // October and the school year 2026-2027 (today is 15 January 2027: the school year runs, so it is not published yet).
        Assert.Equal("<5", Region(await IndicatorsAsync("2026-10"), "referrals-received"));
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, (await As().GetAsync("/api/monitoring/indicators?period=2026-2027", Ct)).StatusCode);
        var year = await TrueFiguresAsync("2026-2027");
        Assert.Equal(("17", "15", "10"), (Region(year, "referrals-received"), Region(year, "thuiszitters-new"), Region(year, "thuiszitters-open")));
        // By 15 January T3-T7 have passed 3 months at home too.
        Assert.Equal("10", Region(year, "thuiszitters-over-3-months"));

        // The monitor keeps no child reference: not in the journal, and its read model has no column for one.
        await using (var scope = Monitoring.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MonitoringDbContext>();
            Assert.Equal(0, await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM monitoring.journal WHERE body::text LIKE '%cr1-%' OR body ? 'childReference'").SingleAsync(Ct));
            Assert.DoesNotContain(db.Model.GetEntityTypes().SelectMany(t => t.GetProperties()), p => p.Name.Contains("ChildReference"));
        }

        // Rebuild from the journal: every figure, of every period, the same.
        var before = await AllFiguresAsync();
        await using (var scope = Monitoring.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<ReadModelRebuild>().RunAsync(Ct);
            Assert.Equal(await JournalCountAsync(), result.EventsReplayed);
        }
        Assert.Equal(before, await AllFiguresAsync());
    }

    /// <summary>Every published figure of November and October, and the true ones of the running school year, as one comparable text.</summary>
    private async Task<string> AllFiguresAsync()
    {
        var texts = new List<string>();
        foreach (var period in new[] { "2026-10", "2026-11", "2026-2027" })
            foreach (var (id, row) in (period == "2026-2027" ? await TrueFiguresAsync(period) : await IndicatorsAsync(period)).OrderBy(r => r.Key))
                texts.Add($"{period} {id} {row.GetProperty("region")} {row.GetProperty("bySubRegion")} {row.GetProperty("byMunicipality")} {row.GetProperty("bySwv")}");
        return string.Join("\n", texts);
    }
}
