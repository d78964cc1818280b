using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.ConsentReplica;
using Platform.Contracts.Intake;
using Platform.Funding.Infrastructure;
using Platform.Funding.Jobs;
using Platform.TestInfrastructure;
using Platform.SharedKernel;

namespace Platform.Funding.Tests;

/// <summary>
/// Disputes at the Geschillencommissie passend onderwijs (RULES.md §4: "Disputes with a school board (admission refused, removal,
/// OPP): parents file within 6 weeks, board answers in 2, opinion within 10 weeks"). The school whose board is party records the
/// filing and its steps; late is accepted and flagged; a step after the conclusion is refused; the terms' passing is raised once
/// on the durable clock. Every test here is a rule of RULES.md §4.
/// </summary>
public sealed class DisputeTests(TestServersFixture fixture) : FundingTestBase(fixture)
{
    private const string DeLinde = "school-bs-de-linde", TheSwv = "swv-po-maastricht-heuvelland", HetKompas = "school-sbo-het-kompas";
    private const string HetPalet = "school-bs-het-palet";
    private const string Path = "/api/funding/disputes";
    private const string Zorgplicht = "/api/funding/zorgplicht-applications";

    private HttpClient AsDeLinde => As(DeLinde, "school", GemeenteCode);
    private HttpClient AsTheSwv => As(TheSwv, "swv");
    /// <summary>The leerplicht officers of Maastricht (GM0935), the child's home municipality.</summary>
    private HttpClient AsLeerplicht => As("gemeente-maastricht", "municipality", GemeenteCode);
    private HttpClient AsOtherLeerplicht => As("gemeente-heerlen", "municipality", "GM0917");
    private HttpClient AsHetPalet => As(HetPalet, "school", "GM0917");
    /// <summary>Another school of the same SWV, named in the child's consent too: involved in the child, not in the dispute.</summary>
    private HttpClient AsHetKompas => As(HetKompas, "school", GemeenteCode);

    private DateOnly TodayDate => DutchTime.Today(Clock);
    private static string D(DateOnly day) => day.ToString("yyyy-MM-dd");
    private DisputeDeadlineWatcher Watcher => Funding.Services.GetRequiredService<DisputeDeadlineWatcher>();

    private async Task<(Guid CaseId, string Child)> CaseWithConsentAsync()
    {
        var caseId = Guid.NewGuid();
        var child = $"cr1-{Guid.NewGuid():N}";
        await PublishAndWaitAsync(new CaseOpened(caseId, child, GemeenteCode, "gemeente-maastricht", Clock.GetUtcNow(), new DateOnly(2026, 12, 9), Clock.GetUtcNow(), DeLinde),
            db => db.Set<CaseCopy>().AnyAsync(c => c.CaseId == caseId));
        var consent = new ConsentGranted(Guid.NewGuid(), caseId, child, [DeLinde, HetKompas, TheSwv, "gemeente-maastricht"],
            "Ondersteuning en aanmelding", ["parents"], null, Clock.GetUtcNow(), ["support", "tlv"]);
        await PublishAndWaitAsync(consent, db => db.Set<ConsentCopy>().AnyAsync(c => c.ConsentId == consent.ConsentId));
        return (caseId, child);
    }

    private Task<HttpResponseMessage> FileAsync(HttpClient who, object body) => who.PostAsJsonAsync(Path, body, Ct);

    private Task<HttpResponseMessage> StepAsync(HttpClient who, Guid id, string step, object body) => who.PostAsJsonAsync($"{Path}/{id}/{step}", body, Ct);

    private async Task<JsonElement> ReadDisputeAsync(HttpClient who, Guid id) => await ReadAsync(await who.GetAsync($"{Path}/{id}", Ct), HttpStatusCode.OK);

    /// <summary>A removal decided on <paramref name="decidedOn"/>, filed on <paramref name="filedOn"/> (both default today).</summary>
    private async Task<JsonElement> RemovalAsync(Guid caseId, DateOnly? decidedOn = null, DateOnly? filedOn = null) => await ReadAsync(await FileAsync(AsDeLinde, new
    {
        caseId, subject = "removal", schoolLocationId = "27DL00", disputedDecisionOn = D(decidedOn ?? TodayDate), filedOn = D(filedOn ?? TodayDate),
    }), HttpStatusCode.Created);

    private async Task<Guid> ApplicationAsync(Guid caseId)
    {
        var created = await ReadAsync(await AsDeLinde.PostAsJsonAsync(Zorgplicht, new
        {
            caseId, schoolLocationId = "27DL00", receivedOn = D(TodayDate), compulsorySchoolAge = true, hasPlaceElsewhere = false,
        }, Ct), HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    private void ToDay(DateOnly day) => Clock.Advance(TimeSpan.FromDays(day.DayNumber - TodayDate.DayNumber));

    [Fact]
    public async Task RULES_4_an_admission_refused_is_disputed_against_the_boards_decided_zorgplicht_application_and_nothing_moves_after_the_opinion()
    {
        var (caseId, child) = await CaseWithConsentAsync();
        var application = await ApplicationAsync(caseId);
        Task<HttpResponseMessage> Admission(HttpClient who, Guid app, DateOnly filedOn, DateOnly? decidedOn = null) => FileAsync(who, new
        {
            caseId, subject = "admission-refused", zorgplichtApplicationId = app, filedOn = D(filedOn), disputedDecisionOn = decidedOn is { } d ? D(d) : null,
        });

        // RULES.md §4: the parents dispute a decision: not an application still open.
        var open = await ReadAsync(await Admission(AsDeLinde, application, TodayDate), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("RULES.md §4", open.GetProperty("detail").GetString());
        Assert.True(open.GetProperty("errors").TryGetProperty("zorgplichtApplicationId", out _));

        // The board refuses its own school: another regular school (Het Palet) accepted the child.
        await ReadAsync(await AsDeLinde.PostAsJsonAsync($"{Zorgplicht}/{application}/other-school", new { locationId = "19HP00" }, Ct), HttpStatusCode.OK);
        await ReadAsync(await AsHetPalet.PostAsync($"{Zorgplicht}/{application}/other-school/acceptance", null, Ct), HttpStatusCode.OK);
        await ReadAsync(await AsDeLinde.PostAsJsonAsync($"{Zorgplicht}/{application}/decision", new { outcome = "other-school" }, Ct), HttpStatusCode.OK);
        var decidedOn = TodayDate;

        // An own-school decision refused nothing (RULES.md §4): a second child, placed at De Linde.
        var (ownCase, _) = await CaseWithConsentAsync();
        var own = await ApplicationAsync(ownCase);
        await ReadAsync(await AsDeLinde.PostAsJsonAsync($"{Zorgplicht}/{own}/decision", new { outcome = "own-school" }, Ct), HttpStatusCode.OK);
        var ownFiled = await ReadAsync(await FileAsync(AsDeLinde, new { caseId = ownCase, subject = "admission-refused", zorgplichtApplicationId = own, filedOn = D(TodayDate) }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("RULES.md §4", ownFiled.GetProperty("detail").GetString());
        // Another child's application answers as an unknown one.
        await ReadAsync(await FileAsync(AsDeLinde, new { caseId = ownCase, subject = "admission-refused", zorgplichtApplicationId = application, filedOn = D(TodayDate) }),
            HttpStatusCode.UnprocessableEntity);

        ToDay(decidedOn.AddDays(10));
        var filedOn = TodayDate;
        // Filed before the decision, or on a day to come: no filing (RULES.md §4). The disputed day is the decision's.
        var before = await ReadAsync(await Admission(AsDeLinde, application, decidedOn.AddDays(-1)), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("RULES.md §4", before.GetProperty("errors").GetProperty("filedOn")[0].GetString());
        var future = await ReadAsync(await Admission(AsDeLinde, application, filedOn.AddDays(1)), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("RULES.md §4", future.GetProperty("errors").GetProperty("filedOn")[0].GetString());
        var otherDay = await ReadAsync(await Admission(AsDeLinde, application, filedOn, decidedOn.AddDays(1)), HttpStatusCode.UnprocessableEntity);
        Assert.True(otherDay.GetProperty("errors").TryGetProperty("disputedDecisionOn", out _));
        // An involved attacker: Het Kompas is named in the child's consent, but the application is De Linde's.
        var notTheirs = await ReadAsync(await Admission(AsHetKompas, application, filedOn), HttpStatusCode.UnprocessableEntity);
        Assert.True(notTheirs.GetProperty("errors").TryGetProperty("zorgplichtApplicationId", out _));
        // The accepting school is not the board disputed with.
        await ReadAsync(await Admission(AsHetPalet, application, filedOn), HttpStatusCode.UnprocessableEntity);
        var bad = await ReadAsync(await FileAsync(AsDeLinde, new { caseId, subject = "admission-refused" }), HttpStatusCode.BadRequest);
        foreach (var field in new[] { "filedOn", "zorgplichtApplicationId" }) Assert.True(bad.GetProperty("errors").TryGetProperty(field, out _), field);

        // Filed in time: the 2 weeks for the board's answer and the 10 for the opinion count from the filing.
        var filed = await ReadAsync(await Admission(AsDeLinde, application, filedOn), HttpStatusCode.Created);
        var id = filed.GetProperty("id").GetGuid();
        Assert.Equal(("filed", true, D(decidedOn), D(decidedOn.AddDays(42)), D(filedOn.AddDays(14)), D(filedOn.AddDays(70)), "27DL00", "po", TheSwv, child),
            (filed.GetProperty("status").GetString(), filed.GetProperty("filedInTime").GetBoolean(), filed.GetProperty("disputedDecisionOn").GetString(),
             filed.GetProperty("filingDueOn").GetString(), filed.GetProperty("answerDueOn").GetString(), filed.GetProperty("opinionDueOn").GetString(),
             filed.GetProperty("schoolLocationId").GetString(), filed.GetProperty("schoolType").GetString(), filed.GetProperty("swvId").GetString(),
             filed.GetProperty("childReference").GetString()));
        Assert.Equal(application, filed.GetProperty("zorgplichtApplicationId").GetGuid());
        // One open dispute per decision.
        await ReadAsync(await Admission(AsDeLinde, application, filedOn), HttpStatusCode.Conflict);
        // Readers of an admission refused: the SWV and the leerplicht officers of the child's municipality (the child may be without a
        // place); not the school that accepted the child, nor another municipality.
        Assert.Equal(id, (await ReadDisputeAsync(AsLeerplicht, id)).GetProperty("id").GetGuid());
        Assert.Equal(id, (await ReadDisputeAsync(AsTheSwv, id)).GetProperty("id").GetGuid());
        await ReadAsync(await AsHetPalet.GetAsync($"{Path}/{id}", Ct), HttpStatusCode.NotFound);
        await ReadAsync(await AsOtherLeerplicht.GetAsync($"{Path}/{id}", Ct), HttpStatusCode.NotFound);

        // The board answers on the last day of its 2 weeks: on time; once.
        ToDay(filedOn.AddDays(14));
        var answered = await ReadAsync(await StepAsync(AsDeLinde, id, "answer", new { answeredOn = D(TodayDate) }), HttpStatusCode.OK);
        Assert.Equal(("answered", true), (answered.GetProperty("status").GetString(), answered.GetProperty("answer").GetProperty("onTime").GetBoolean()));
        await ReadAsync(await StepAsync(AsDeLinde, id, "answer", new { answeredOn = D(TodayDate) }), HttpStatusCode.Conflict);
        var beforeFiling = await ReadAsync(await StepAsync(AsDeLinde, id, "opinion", new { outcome = "founded", givenOn = D(filedOn.AddDays(-1)) }), HttpStatusCode.UnprocessableEntity);
        Assert.True(beforeFiling.GetProperty("errors").TryGetProperty("givenOn", out _));
        var badOutcome = await ReadAsync(await StepAsync(AsDeLinde, id, "opinion", new { outcome = "withdrawn", givenOn = D(TodayDate) }), HttpStatusCode.BadRequest);
        Assert.True(badOutcome.GetProperty("errors").TryGetProperty("outcome", out _));

        // The opinion on the last day of the 10 weeks: on time; it ends the dispute.
        ToDay(filedOn.AddDays(70));
        var concluded = await ReadAsync(await StepAsync(AsDeLinde, id, "opinion", new { outcome = "partly-founded", givenOn = D(TodayDate) }), HttpStatusCode.OK);
        Assert.Equal(("concluded", "partly-founded", true), (concluded.GetProperty("status").GetString(),
            concluded.GetProperty("conclusion").GetProperty("outcome").GetString(), concluded.GetProperty("conclusion").GetProperty("onTime").GetBoolean()));

        // RULES.md §4: after the opinion nothing moves; nothing is half-written.
        foreach (var (step, body) in new (string, object)[]
                 {
                     ("answer", new { answeredOn = D(TodayDate) }), ("opinion", new { outcome = "founded", givenOn = D(TodayDate) }),
                     ("withdrawal", new { withdrawnOn = D(TodayDate) }),
                 })
        {
            var refused = await ReadAsync(await StepAsync(AsDeLinde, id, step, body), HttpStatusCode.Conflict);
            Assert.Contains("RULES.md §4", refused.GetProperty("detail").GetString());
        }
        var after = await ReadDisputeAsync(AsTheSwv, id);
        Assert.Equal(("partly-founded", D(filedOn.AddDays(70))), (after.GetProperty("conclusion").GetProperty("outcome").GetString(),
            after.GetProperty("conclusion").GetProperty("endedOn").GetString()));
        await Watcher.RunOnceAsync(Ct);

        Assert.Equal(["DisputeFiled", "DisputeAnswered", "DisputeConcluded"], (await EventsAsync()).Where(e => e.StartsWith("Dispute")));
        var filedEvent = Assert.Single(await OutboxPayloadsAsync("DisputeFiled"));
        Assert.Equal((caseId.ToString(), child, "admission-refused", application.ToString(), DeLinde, "po", "GM0935", TheSwv, true),
            (filedEvent.GetProperty("caseId").GetString(), filedEvent.GetProperty("childReference").GetString(), filedEvent.GetProperty("subject").GetString(),
             filedEvent.GetProperty("zorgplichtApplicationId").GetString(), filedEvent.GetProperty("schoolOrganisationId").GetString(),
             filedEvent.GetProperty("schoolType").GetString(), filedEvent.GetProperty("schoolMunicipality").GetString(), filedEvent.GetProperty("swvId").GetString(),
             filedEvent.GetProperty("filedInTime").GetBoolean()));
        var concludedEvent = Assert.Single(await OutboxPayloadsAsync("DisputeConcluded"));
        Assert.Equal(("partly-founded", true), (concludedEvent.GetProperty("outcome").GetString(), concludedEvent.GetProperty("onTime").GetBoolean()));
        // No BSN and no name in the events: the child only by its pseudonymous reference (the contracts carry no such field).
        Assert.False(filedEvent.TryGetProperty("bsn", out _));
    }

    [Fact]
    public async Task RULES_4_a_late_filing_answer_and_opinion_are_accepted_and_flagged_and_each_term_passing_is_raised_once_across_a_restart_and_two_replicas()
    {
        var (caseId, _) = await CaseWithConsentAsync();
        var start = TodayDate;
        // A removal decided 50 days ago: filed after the 6 weeks, recorded and flagged (the commission decides admissibility).
        var late = await RemovalAsync(caseId, decidedOn: start.AddDays(-50));
        var id = late.GetProperty("id").GetGuid();
        Assert.False(late.GetProperty("filedInTime").GetBoolean());
        Assert.False((await OutboxPayloadsAsync("DisputeFiled")).Single().GetProperty("filedInTime").GetBoolean());
        // A second dispute, withdrawn by the parents at once: its terms never pass.
        var withdrawn = (await RemovalAsync(caseId, decidedOn: start.AddDays(-1))).GetProperty("id").GetGuid();
        await ReadAsync(await StepAsync(AsDeLinde, withdrawn, "withdrawal", new { withdrawnOn = D(start) }), HttpStatusCode.OK);

        // The board's 2 weeks: nothing on their last day, raised once the day after.
        ToDay(start.AddDays(14));
        await Watcher.RunOnceAsync(Ct);
        Assert.DoesNotContain("DisputeTermPassed", await EventsAsync());
        ToDay(start.AddDays(15));
        await Watcher.RunOnceAsync(Ct);
        await Watcher.RunOnceAsync(Ct);
        var answerPassed = Assert.Single(await OutboxPayloadsAsync("DisputeTermPassed"));
        Assert.Equal(("answer", D(start.AddDays(14)), id.ToString(), DeLinde), (answerPassed.GetProperty("step").GetString(), answerPassed.GetProperty("dueOn").GetString(),
            answerPassed.GetProperty("disputeId").GetString(), answerPassed.GetProperty("schoolOrganisationId").GetString()));
        Assert.True((await ReadDisputeAsync(AsTheSwv, id)).GetProperty("answerTermPassed").GetBoolean());

        // A restart: the terms and the raised marks are in the database.
        await RestartAsync();
        await Watcher.RunOnceAsync(Ct);
        Assert.Single(await EventsAsync(), e => e == "DisputeTermPassed");

        // The late answer is still the board's answer: recorded, flagged.
        ToDay(start.AddDays(20));
        var answered = await ReadAsync(await StepAsync(AsDeLinde, id, "answer", new { answeredOn = D(TodayDate) }), HttpStatusCode.OK);
        Assert.False(answered.GetProperty("answer").GetProperty("onTime").GetBoolean());
        Assert.False((await OutboxPayloadsAsync("DisputeAnswered")).Single().GetProperty("onTime").GetBoolean());

        // The commission's 10 weeks: raised once the day after their last, by one of two replicas sweeping at once.
        ToDay(start.AddDays(70));
        await Watcher.RunOnceAsync(Ct);
        Assert.Single(await EventsAsync(), e => e == "DisputeTermPassed");
        ToDay(start.AddDays(71));
        var replica = ActivatorUtilities.CreateInstance<DisputeDeadlineWatcher>(Funding.Services);
        await Task.WhenAll(Watcher.RunOnceAsync(Ct), replica.RunOnceAsync(Ct));
        await RestartAsync();
        await Watcher.RunOnceAsync(Ct);
        var passed = await OutboxPayloadsAsync("DisputeTermPassed");
        Assert.Equal([("answer", id.ToString()), ("opinion", id.ToString())],
            passed.Select(p => (p.GetProperty("step").GetString()!, p.GetProperty("disputeId").GetString()!)));
        Assert.True((await ReadDisputeAsync(AsDeLinde, id)).GetProperty("opinionTermPassed").GetBoolean());

        // A late opinion is still the opinion: recorded, flagged; the timer has nothing more to raise.
        ToDay(start.AddDays(80));
        var concluded = await ReadAsync(await StepAsync(AsDeLinde, id, "opinion", new { outcome = "inadmissible", givenOn = D(TodayDate) }), HttpStatusCode.OK);
        Assert.Equal(("inadmissible", false), (concluded.GetProperty("conclusion").GetProperty("outcome").GetString(),
            concluded.GetProperty("conclusion").GetProperty("onTime").GetBoolean()));
        await Watcher.RunOnceAsync(Ct);
        Assert.Equal(2, (await EventsAsync()).Count(e => e == "DisputeTermPassed"));
        var ends = await OutboxPayloadsAsync("DisputeConcluded");
        Assert.Equal([("withdrawn", true), ("inadmissible", false)], ends.Select(e => (e.GetProperty("outcome").GetString()!, e.GetProperty("onTime").GetBoolean())));
    }

    [Fact]
    public async Task RULES_4_a_dispute_about_the_OPP_names_the_schools_OPP_of_the_child_and_the_parents_withdraw_it_before_the_opinion()
    {
        var (caseId, child) = await CaseWithConsentAsync();
        var enrolledOn = TodayDate;
        var opp = (await ReadAsync(await AsDeLinde.PostAsJsonAsync("/api/funding/opps", new { caseId, schoolLocationId = "27DL00", enrolledOn = D(enrolledOn), extraSupport = true }, Ct),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var kompasOpp = (await ReadAsync(await AsHetKompas.PostAsJsonAsync("/api/funding/opps", new { caseId, schoolLocationId = "27HK00", enrolledOn = D(enrolledOn) }, Ct),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        ToDay(enrolledOn.AddDays(30));
        Task<HttpResponseMessage> OppDispute(Guid oppId, DateOnly decidedOn) =>
            FileAsync(AsDeLinde, new { caseId, subject = "opp", oppId, disputedDecisionOn = D(decidedOn), filedOn = D(TodayDate) });

        // Another school's OPP of the same child answers as an unknown one; a decision before the enrolment is not about this OPP.
        var others = await ReadAsync(await OppDispute(kompasOpp, enrolledOn), HttpStatusCode.UnprocessableEntity);
        Assert.True(others.GetProperty("errors").TryGetProperty("oppId", out _));
        var beforeEnrolment = await ReadAsync(await OppDispute(opp, enrolledOn.AddDays(-1)), HttpStatusCode.UnprocessableEntity);
        Assert.True(beforeEnrolment.GetProperty("errors").TryGetProperty("disputedDecisionOn", out _));
        // Not a location of the OPP's.
        await ReadAsync(await FileAsync(AsDeLinde, new { caseId, subject = "opp", oppId = opp, disputedDecisionOn = D(enrolledOn.AddDays(20)), filedOn = D(TodayDate), schoolLocationId = "27DL01" }),
            HttpStatusCode.UnprocessableEntity);

        var filed = await ReadAsync(await OppDispute(opp, enrolledOn.AddDays(20)), HttpStatusCode.Created);
        var id = filed.GetProperty("id").GetGuid();
        Assert.Equal(("opp", opp, true), (filed.GetProperty("subject").GetString(), filed.GetProperty("oppId").GetGuid(), filed.GetProperty("filedInTime").GetBoolean()));
        // The OPP leaves the child at its school: not the leerplicht officer's (404, not listed); the SWV reads it.
        await ReadAsync(await AsLeerplicht.GetAsync($"{Path}/{id}", Ct), HttpStatusCode.NotFound);
        Assert.DoesNotContain(await ListPages.FirstAsync(AsLeerplicht, Path, Ct), d => d.GetProperty("id").GetGuid() == id);
        Assert.Equal([id], (await ListPages.FirstAsync(AsTheSwv, $"{Path}?subject=opp", Ct)).Select(d => d.GetProperty("id").GetGuid()));

        // The parents withdraw it before the opinion: it ends as withdrawn, on time; the opinion cannot follow.
        ToDay(TodayDate.AddDays(3));
        var withdrawn = await ReadAsync(await StepAsync(AsDeLinde, id, "withdrawal", new { withdrawnOn = D(TodayDate) }), HttpStatusCode.OK);
        Assert.Equal(("concluded", "withdrawn", true, JsonValueKind.Null), (withdrawn.GetProperty("status").GetString(),
            withdrawn.GetProperty("conclusion").GetProperty("outcome").GetString(), withdrawn.GetProperty("conclusion").GetProperty("onTime").GetBoolean(),
            withdrawn.GetProperty("answer").ValueKind));
        var opinion = await ReadAsync(await StepAsync(AsDeLinde, id, "opinion", new { outcome = "founded", givenOn = D(TodayDate) }), HttpStatusCode.Conflict);
        Assert.Contains("RULES.md §4", opinion.GetProperty("detail").GetString());
        Assert.Equal([id], (await ListPages.FirstAsync(AsDeLinde, $"{Path}?status=concluded", Ct)).Select(d => d.GetProperty("id").GetGuid()));
        // After the withdrawal the parents may file about the same decision again (the commission decides whether it is still in time).
        await ReadAsync(await OppDispute(opp, enrolledOn.AddDays(20)), HttpStatusCode.Created);

        var concluded = (await OutboxPayloadsAsync("DisputeConcluded")).Single();
        Assert.Equal(("withdrawn", child, "opp"), (concluded.GetProperty("outcome").GetString(), concluded.GetProperty("childReference").GetString(),
            concluded.GetProperty("subject").GetString()));
    }

    /// <summary>
    /// Every dispute action × every organisation role (policy table in docs/security.md), including the involved: another school of the
    /// same SWV named in the child's consent, the SWV trying to write, the leerplicht officers trying to write, another municipality.
    /// </summary>
    [Fact]
    public async Task Each_dispute_action_answers_each_role_by_the_policy_table()
    {
        var (caseId, _) = await CaseWithConsentAsync();
        var id = (await RemovalAsync(caseId)).GetProperty("id").GetGuid();
        var roles = new (string Name, HttpClient Client, HttpStatusCode Read, HttpStatusCode Write, HttpStatusCode File)[]
        {
            ("the school whose board is party", AsDeLinde, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.UnprocessableEntity),
            ("the school's SWV", AsTheSwv, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
            ("leerplicht, child's municipality", AsLeerplicht, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
            ("another school of the same SWV (in the consent)", AsHetKompas, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.UnprocessableEntity),
            ("a school of another SWV", AsHetPalet, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.UnprocessableEntity),
            ("another SWV", As("swv-po-parkstad", "swv"), HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Forbidden),
            ("another municipality", AsOtherLeerplicht, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Forbidden),
            ("a municipality token without a municipality", As("gemeente-maastricht", "municipality", municipality: null), HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Forbidden),
            ("an expert (jgz)", As("jgz-zuid-limburg", "jgz"), HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Forbidden),
            ("the escalation table", AsTable, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Forbidden),
        };
        var failures = new List<string>();
        foreach (var (name, client, read, write, file) in roles)
        {
            void Expect(string what, HttpStatusCode expected, HttpResponseMessage response)
            {
                if (response.StatusCode != expected) failures.Add($"{name}, {what}: {(int)response.StatusCode}, expected {(int)expected}");
            }
            Expect("GET", read, await client.GetAsync($"{Path}/{id}", Ct));
            foreach (var step in new[] { "answer", "opinion", "withdrawal" }) Expect(step, write, await StepAsync(client, id, step, new { }));
            var listed = (await ListPages.FirstAsync(client, Path, Ct)).Any(d => d.GetProperty("id").GetGuid() == id);
            if (listed != (read == HttpStatusCode.OK)) failures.Add($"{name}: listed {listed}");
            // Filing: only a school (a case that does not name it, or an unknown one, is then 422 on caseId); every other type 403.
            Expect("file (unknown case)", file, await FileAsync(client, new { caseId = Guid.NewGuid(), subject = "removal", schoolLocationId = "27DL00",
                disputedDecisionOn = D(TodayDate), filedOn = D(TodayDate) }));
        }
        // A school of another SWV that is not in the consent gets the same answer for the child's real case as for an unknown one.
        var stranger = await ReadAsync(await FileAsync(AsHetPalet, new { caseId, subject = "removal", schoolLocationId = "19HP00", disputedDecisionOn = D(TodayDate), filedOn = D(TodayDate) }),
            HttpStatusCode.UnprocessableEntity);
        Assert.True(stranger.GetProperty("errors").TryGetProperty("caseId", out _));
        // Another school of the same SWV, named in the consent, cannot file a removal from De Linde's location.
        var notItsLocation = await ReadAsync(await FileAsync(AsHetKompas, new { caseId, subject = "removal", schoolLocationId = "27DL00", disputedDecisionOn = D(TodayDate), filedOn = D(TodayDate) }),
            HttpStatusCode.UnprocessableEntity);
        Assert.True(notItsLocation.GetProperty("errors").TryGetProperty("schoolLocationId", out _));
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        // Nothing moved.
        var now = await ReadDisputeAsync(AsDeLinde, id);
        Assert.Equal(("filed", JsonValueKind.Null, JsonValueKind.Null), (now.GetProperty("status").GetString(), now.GetProperty("answer").ValueKind, now.GetProperty("conclusion").ValueKind));
        Assert.Single(await EventsAsync(), e => e.StartsWith("Dispute"));
    }
}
