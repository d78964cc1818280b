using System.Net;
using System.Net.Http.Json;
using Platform.Contracts.Funding;
using Platform.Contracts.Handover;
using Platform.Monitoring.Domain;
using Platform.TestInfrastructure;

namespace Platform.Monitoring.Tests.Apis;

/// <summary>
/// Issue #24: the indicators of passend onderwijs under the attacks of ADR-0014 (docs/monitoring.md, "Disclosure control"). November
/// 2026's zorgplicht decisions, OPPs, disputes and advice revisions, with small cells in Heerlen and Kerkrade: the attacker differences
/// every breakdown (region = sub-regions = SWVs, a sub-region = its municipalities, a total = its parts, for the new rows too), then the
/// region's office takes November as its 0-meting and one dispute, one zorgplicht decision and one advice revision arrive late, dated
/// November; the attacker reads the baseline column and the poll before and after. With exact figures the "+1" dispute comes out;
/// with the noise no count below 5 does, through the JSON, the CSV and the page alike.
/// </summary>
public sealed class PassendOnderwijsDifferencingAttackTests(TestServersFixture fixture) : DisclosureAttackTestBase(fixture)
{
    private const string Kerkrade = "GM0928", MhPo = "swv-po-maastricht-heuvelland", PkPo = "swv-po-parkstad", PkVo = "swv-vo-parkstad";

    private Task DecisionAsync(string school, string municipality, string swv, string timeliness, DateOnly decided) =>
        PublishAsync(new ZorgplichtDecided(NextId(), "cr1-z", Maastricht, school, "po", municipality, swv, "own-school", "27DL00", "po", null,
            decided.AddDays(-40), decided, timeliness, false, On(decided.Year, decided.Month, decided.Day)));

    private Task DisputeAsync(string school, string municipality, string swv, string subject, DateOnly filed) =>
        PublishAsync(new DisputeFiled(NextId(), Guid.NewGuid(), "cr1-d", Maastricht, subject, null, null, school, "po", municipality, swv,
            filed.AddDays(-20), filed, true, filed.AddDays(14), filed.AddDays(70), On(filed.Year, filed.Month, filed.Day)));

    private async Task RevisionAsync(string sendingSchool, DateOnly given)
    {
        var handover = NextId();
        await PublishAsync(new HandoverStarted(handover, "cr1-h", "primary-to-secondary", sendingSchool, "school-vo-college-parkstad", given.AddDays(40), false, On(2026, 10, 1)));
        await PublishAsync(new SchoolAdviceGiven(handover, "revision", "havo", given, false, On(given.Year, given.Month, given.Day)));
    }

    private Task OppAsync(string municipality, string swv, bool onTime) =>
        PublishAsync(new OppEstablished(NextId(), "cr1-o", "sbo", municipality, swv, new DateOnly(2026, 11, 5), onTime, new DateOnly(2027, 11, 5), On(2026, 11, 5)));

    [Fact]
    public async Task Differencing_the_passend_onderwijs_breakdowns_the_baseline_and_a_poll_recovers_no_count_below_5()
    {
        var november = new DateOnly(2026, 11, 10);
        // Zorgplicht decisions: De Linde (Maastricht) 7 on time and 5 extended; Het Palet (Heerlen) 2 on time and 1 exceeded.
        for (var i = 0; i < 7; i++) await DecisionAsync(DeLinde, Maastricht, MhPo, "on-time", november);
        for (var i = 0; i < 5; i++) await DecisionAsync(DeLinde, Maastricht, MhPo, "extended", november);
        for (var i = 0; i < 2; i++) await DecisionAsync(HetPalet, Heerlen, PkPo, "on-time", november);
        await DecisionAsync(HetPalet, Heerlen, PkPo, "exceeded", november);
        // Disputes: De Linde 6 about an admission refused, College Parkstad (Kerkrade) 2 about a removal.
        for (var i = 0; i < 6; i++) await DisputeAsync(DeLinde, Maastricht, MhPo, "admission-refused", november);
        for (var i = 0; i < 2; i++) await DisputeAsync("school-vo-college-parkstad", Kerkrade, PkVo, "removal", november);
        // Advice revisions: De Linde 8, Het Palet 1. OPPs set: Maastricht (Het Kompas) 6 on time, Heerlen (De Berg) 1 late.
        for (var i = 0; i < 8; i++) await RevisionAsync(DeLinde, november);
        await RevisionAsync(HetPalet, november);
        for (var i = 0; i < 6; i++) await OppAsync(Maastricht, MhPo, onTime: true);
        await OppAsync(Heerlen, PkVo, onTime: false);
        await WaitForJournalAsync();

        // 1. The breakdowns of one reading.
        var (nov, areas) = await PublishedAsync("2026-11");
        var trueNov = await TrueFiguresAsync("2026-11");
        AssertNoised((nov, trueNov));
        var attacker = new DisclosureAttacker(CellKeyPerturbation.MaxNoise);
        attacker.SawPeriod("nov", nov);
        attacker.TableIdentities("nov", nov, areas);
        attacker.Solve();
        var truth = Truth("nov", await TrueValuesAsync("2026-11"));
        Assert.Equal((1, 2, 1), (truth[DisclosureAttacker.Var("nov", "zorgplicht-decisions:exceeded", "region", "region")],
            truth[DisclosureAttacker.Var("nov", "disputes-filed:removal", "region", "region")],
            truth[DisclosureAttacker.Var("nov", "school-advice-raised", "byMunicipality", Heerlen)]));
        foreach (var (variable, value) in truth)
            Assert.True(attacker[variable].Lo <= value && value <= attacker[variable].Hi, $"{variable} is {value}, outside {attacker[variable]}");
        var small = truth.Where(t => t.Value is >= 1 and < SmallCellSuppression.Threshold).Select(t => t.Key).ToList();
        Assert.Empty(small.Where(attacker.Recovered).Select(v => $"{v} = {truth[v]}"));

        // 2. The 0-meting, then one dispute at Het Palet, one zorgplicht decision exceeded at Het Palet and one advice revision at Het
        // Palet arrive late, dated November: exact figures said "+1" in the region's disputes.
        Assert.Equal(HttpStatusCode.Created, (await AsRegionOffice.PostAsJsonAsync("/api/monitoring/baselines", new { name = "0-meting", period = "2026-11" }, Ct)).StatusCode);
        var trueBefore = await TrueValuesAsync("2026-11");
        var trueFiguresBefore = await TrueFiguresAsync("2026-11");
        await DisputeAsync(HetPalet, Heerlen, PkPo, "admission-refused", new DateOnly(2026, 11, 27));
        await DecisionAsync(HetPalet, Heerlen, PkPo, "exceeded", new DateOnly(2026, 11, 27));
        await RevisionAsync(HetPalet, new DateOnly(2026, 11, 27));
        await WaitForJournalAsync();
        var (after, _) = await PublishedAsync("2026-11", baseline: "0-meting");
        var trueAfter = await TrueValuesAsync("2026-11");
        var trueFiguresAfter = await TrueFiguresAsync("2026-11");
        AssertNoised((after, trueFiguresAfter));
        foreach (var (id, row) in nov)
            Assert.Equal(DisclosureAttacker.Cells(row), DisclosureAttacker.Cells(after[id].GetProperty("baseline")));

        attacker = new DisclosureAttacker(CellKeyPerturbation.MaxNoise);
        var control = new DisclosureAttacker(0);
        foreach (var (who, then, now) in new[] { (attacker, nov, after), (control, trueFiguresBefore, trueFiguresAfter) })
        {
            who.SawPeriod("then", then);
            who.SawPeriod("now", now);
            if (who == attacker) who.SawPeriod("then", now, column: "baseline");
            who.TableIdentities("then", then, areas);
            who.TableIdentities("now", now, areas);
            foreach (var id in now.Keys.Where(DisclosureAttacker.IsCountOfChildren))
                foreach (var (level, area, _) in DisclosureAttacker.Cells(now[id]))
                    who.Equation((1, DisclosureAttacker.Var("now", id, level, area)), (-1, DisclosureAttacker.Var("then", id, level, area)), (-1, DisclosureAttacker.Var("Δ", id, level, area)));
            who.Solve();
        }
        var deltas = trueAfter.Where(v => DisclosureAttacker.IsCountOfChildren(v.Key.Row))
            .ToDictionary(v => DisclosureAttacker.Var("Δ", v.Key.Row, v.Key.Level, v.Key.Area), v => v.Value - trueBefore.GetValueOrDefault(v.Key));
        Assert.Equal((1, 1, 1), (deltas[DisclosureAttacker.Var("Δ", "disputes-filed", "region", "region")],
            deltas[DisclosureAttacker.Var("Δ", "zorgplicht-decisions", "region", "region")], deltas[DisclosureAttacker.Var("Δ", "school-advice-raised", "region", "region")]));
        AssertNothingRecovered(attacker, control, deltas, "the passend onderwijs figures: the baseline's change column and a poll before and after three late events");
    }
}
