using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.ConsentReplica;
using Platform.Contracts.Intake;
using Platform.DemoRegion;
using Platform.Funding.Domain;
using Platform.Funding.Jobs;
using Platform.TestInfrastructure;
using Platform.SharedKernel;

namespace Platform.Funding.Tests;

/// <summary>
/// RULES.md §4 after the decision: the parents' objection (bezwaar) within 6 weeks, through the requesting school;
/// the SWV asks the LBT's advice within 2 weeks (a durable deadline); its decision on the objection keeps or replaces
/// the TLV's decision. Before expiry: the renewal task (extend with a new request and two advices again, or plan a
/// terugplaatsing), raised once on the fake clock and listed for the SWV.
/// </summary>
public sealed class TlvObjectionRenewalTests(TestServersFixture fixture) : FundingTestBase(fixture)
{
    private const string DeLinde = "school-bs-de-linde", TheSwv = "swv-po-maastricht-heuvelland";
    private const string Horizon = "jeugdhulp-horizon", Jgz = "jgz-zuid-limburg";

    private HttpClient AsDeLinde => As(DeLinde, "school", GemeenteCode);
    private HttpClient AsTheSwv => As(TheSwv, "swv");
    private HttpClient AsHorizon => As(Horizon, "youth-care-provider");
    private HttpClient AsJgz => As(Jgz, "jgz");

    private async Task<(Guid CaseId, string Child, Guid ConsentId)> CaseWithConsentAsync(params string[] alsoFor)
    {
        var caseId = Guid.NewGuid();
        var child = $"cr1-{Guid.NewGuid():N}";
        await PublishAndWaitAsync(new CaseOpened(caseId, child, GemeenteCode, "gemeente-maastricht", Clock.GetUtcNow(), new DateOnly(2026, 12, 9), Clock.GetUtcNow(), DeLinde),
            db => db.Set<CaseCopy>().AnyAsync(c => c.CaseId == caseId));
        var consent = new ConsentGranted(Guid.NewGuid(), caseId, child, [DeLinde, TheSwv, Horizon, Jgz, "gemeente-maastricht", .. alsoFor],
            "Aanvraag TLV voor SBO", ["parents"], null, Clock.GetUtcNow(), ["support", "tlv"]);
        await PublishAndWaitAsync(consent, db => db.Set<ConsentCopy>().AnyAsync(c => c.ConsentId == consent.ConsentId));
        return (caseId, child, consent.ConsentId);
    }

    private async Task<Guid> RequestedAsync(Guid caseId)
    {
        var created = await ReadAsync(await AsDeLinde.PostAsJsonAsync("/api/funding/tlvs", new
        {
            caseId, schoolLocationId = "27DL00", kind = "sbo", receivingLocationId = "27HK00",
            substantiation = "Two years of extra support; still far behind and anxious in large groups.", parentsView = "We want a smaller school.",
        }, Ct), HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    private async Task AdvisedAsync(Guid id)
    {
        await ReadAsync(await AsTheSwv.PostAsJsonAsync($"/api/funding/tlvs/{id}/experts", new { organisationId = Horizon, profession = "orthopedagoog" }, Ct), HttpStatusCode.OK);
        await ReadAsync(await AsTheSwv.PostAsJsonAsync($"/api/funding/tlvs/{id}/experts", new { organisationId = Jgz, profession = "arts" }, Ct), HttpStatusCode.OK);
        await ReadAsync(await AsHorizon.PostAsJsonAsync($"/api/funding/tlvs/{id}/advices", new
        {
            expertName = "Drs. B. Peters", expertPersonId = DemoExperts.Peters, profession = "orthopedagoog", advice = "favourable", summary = "A small group.", givenOn = Today,
        }, Ct), HttpStatusCode.Created);
        await ReadAsync(await AsJgz.PostAsJsonAsync($"/api/funding/tlvs/{id}/advices", new
        {
            expertName = "Dr. E. Maas", expertPersonId = DemoExperts.Maas, profession = "arts", advice = "favourable", summary = "No medical reason against.", givenOn = Today,
        }, Ct), HttpStatusCode.Created);
    }

    private string Today => DutchTime.Today(Clock).ToString("yyyy-MM-dd");

    private object Granted(int months = 12, string kind = "sbo", string? category = null) => new
    {
        outcome = "granted", kind, category, validFrom = Today, validUntil = DutchTime.Today(Clock).AddMonths(months).ToString("yyyy-MM-dd"),
        parentsView = "Heard.", reasons = "Both advices.",
    };

    private async Task<(Guid Id, string Child, Guid ConsentId, Guid CaseId)> DecidedAsync(object decision)
    {
        var (caseId, child, consentId) = await CaseWithConsentAsync();
        var id = await RequestedAsync(caseId);
        await AdvisedAsync(id);
        await ReadAsync(await AsTheSwv.PostAsJsonAsync($"/api/funding/tlvs/{id}/decision", decision, Ct), HttpStatusCode.OK);
        return (id, child, consentId, caseId);
    }

    private async Task<JsonElement> GetTlvAsync(HttpClient client, Guid id) =>
        await ReadAsync(await client.GetAsync($"/api/funding/tlvs/{id}", Ct), HttpStatusCode.OK);

    private Task<HttpResponseMessage> ObjectAsync(HttpClient who, Guid id, string grounds = "She needs SBO: the regular school cannot give what the experts advise.") =>
        who.PostAsJsonAsync($"/api/funding/tlvs/{id}/objection", new { grounds }, Ct);

    private Task<HttpResponseMessage> AskLbtAsync(HttpClient who, Guid id) => who.PostAsync($"/api/funding/tlvs/{id}/objection/lbt-request", null, Ct);

    private Task<HttpResponseMessage> DecideObjectionAsync(HttpClient who, Guid id, object body) =>
        who.PostAsJsonAsync($"/api/funding/tlvs/{id}/objection/decision", body, Ct);

    [Fact]
    public async Task RULES_4_the_parents_object_through_the_school_the_SWV_asks_the_LBT_first_and_an_upheld_objection_replaces_a_refusal_with_a_grant()
    {
        var (id, _, _, _) = await DecidedAsync(new { outcome = "refused", parentsView = "The parents want SBO.", reasons = "Support at De Linde suffices." });
        Assert.Equal(DutchTime.Today(Clock).AddDays(42).ToString("yyyy-MM-dd"), (await GetTlvAsync(AsDeLinde, id)).GetProperty("objectionDueOn").GetString());

        // Who files: the requesting school for the parents; not the SWV against its own decision, not an expert, not a stranger.
        await ReadAsync(await ObjectAsync(AsTheSwv, id), HttpStatusCode.Forbidden);
        await ReadAsync(await ObjectAsync(AsHorizon, id), HttpStatusCode.Forbidden);
        await ReadAsync(await ObjectAsync(As("school-bs-het-palet", "school", "GM0917"), id), HttpStatusCode.NotFound);
        var bad = await ReadAsync(await ObjectAsync(AsDeLinde, id, grounds: ""), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("grounds", out _));

        // The last day of the 6 weeks still counts (RULES.md §4).
        Clock.Advance(TimeSpan.FromDays(42));
        var filed = await ReadAsync(await ObjectAsync(AsDeLinde, id), HttpStatusCode.OK);
        var objection = filed.GetProperty("objection");
        Assert.Equal((DeLinde, DutchTime.Today(Clock).AddDays(14).ToString("yyyy-MM-dd"), "refused"),
            (objection.GetProperty("filedBy").GetString(), objection.GetProperty("lbtRequestDueOn").GetString(), objection.GetProperty("formerOutcome").GetString()));
        await ReadAsync(await ObjectAsync(AsDeLinde, id), HttpStatusCode.Conflict);

        // RULES.md §4: the SWV asks the LBT before it decides; only the SWV asks, once.
        var upheld = new
        {
            result = "upheld", lbtAdvice = "upheld", reasons = "The LBT: the advices support SBO; the refusal did not weigh them.",
            decision = Granted(),
        };
        await ReadAsync(await DecideObjectionAsync(AsTheSwv, id, upheld), HttpStatusCode.Conflict);
        await ReadAsync(await AskLbtAsync(AsDeLinde, id), HttpStatusCode.Forbidden);
        var asked = await ReadAsync(await AskLbtAsync(AsTheSwv, id), HttpStatusCode.OK);
        Assert.Equal(Today, asked.GetProperty("objection").GetProperty("lbtAskedOn").GetString());
        await ReadAsync(await AskLbtAsync(AsTheSwv, id), HttpStatusCode.Conflict);

        // An upheld objection names its new decision; a bad one changes nothing (nothing half-written).
        var missing = await ReadAsync(await DecideObjectionAsync(AsTheSwv, id, new { result = "upheld", lbtAdvice = "upheld", reasons = "x" }), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("decision", out _));
        await ReadAsync(await DecideObjectionAsync(AsTheSwv, id, new { result = "upheld", lbtAdvice = "upheld", reasons = "x", decision = Granted(kind: "so") }),
            HttpStatusCode.UnprocessableEntity);
        await ReadAsync(await DecideObjectionAsync(AsDeLinde, id, upheld), HttpStatusCode.Forbidden);
        var unchanged = await GetTlvAsync(AsTheSwv, id);
        Assert.Equal(("refused", JsonValueKind.Null), (unchanged.GetProperty("status").GetString(), unchanged.GetProperty("objection").GetProperty("result").ValueKind));

        var decided = await ReadAsync(await DecideObjectionAsync(AsTheSwv, id, upheld), HttpStatusCode.OK);
        Assert.Equal(("granted", "granted", "sbo", "upheld", "upheld"), (decided.GetProperty("status").GetString(), decided.GetProperty("decision").GetProperty("outcome").GetString(),
            decided.GetProperty("decision").GetProperty("kind").GetString(), decided.GetProperty("objection").GetProperty("result").GetString(),
            decided.GetProperty("objection").GetProperty("lbtAdvice").GetString()));
        Assert.Equal(JsonValueKind.Null, decided.GetProperty("endedOn").ValueKind);
        // After the decision on the objection the next step is the court, not a second objection.
        await ReadAsync(await ObjectAsync(AsDeLinde, id), HttpStatusCode.Conflict);
        Assert.Equal(["TlvObjectionFiled", "TlvLbtAdviceRequested", "TlvObjectionDecided"],
            (await EventsAsync()).Where(e => e.StartsWith("TlvObjection") || e.StartsWith("TlvLbt")));
        Assert.Equal("granted", (await InDbAsync(db => db.Tlvs.SingleAsync(t => t.Id == id, Ct))).Decision!.Outcome);
    }

    [Fact]
    public async Task RULES_4_an_objection_after_6_weeks_is_refused_naming_the_rule_and_a_rejected_objection_leaves_the_decision()
    {
        var (late, _, _, _) = await DecidedAsync(Granted());
        var (kept, _, _, _) = await DecidedAsync(Granted(kind: "so", category: "midden"));
        await ReadAsync(await ObjectAsync(AsDeLinde, kept, "The parents want the high category."), HttpStatusCode.OK);
        Clock.Advance(TimeSpan.FromDays(43));

        var problem = await ReadAsync(await ObjectAsync(AsDeLinde, late), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("RULES.md §4", problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("objection", out _));
        Assert.Equal(JsonValueKind.Null, (await GetTlvAsync(AsDeLinde, late)).GetProperty("objection").ValueKind);

        await ReadAsync(await AskLbtAsync(AsTheSwv, kept), HttpStatusCode.OK);
        // A rejected objection carries no new decision.
        await ReadAsync(await DecideObjectionAsync(AsTheSwv, kept, new { result = "rejected", lbtAdvice = "rejected", reasons = "x", decision = Granted() }), HttpStatusCode.BadRequest);
        var rejected = await ReadAsync(await DecideObjectionAsync(AsTheSwv, kept,
            new { result = "rejected", lbtAdvice = "rejected", reasons = "The LBT: midden fits the support she needs." }), HttpStatusCode.OK);
        Assert.Equal(("granted", "midden", "rejected"), (rejected.GetProperty("status").GetString(),
            rejected.GetProperty("decision").GetProperty("category").GetString(), rejected.GetProperty("objection").GetProperty("result").GetString()));
    }

    [Fact]
    public async Task RULES_4_the_two_weeks_for_asking_the_LBT_passing_are_raised_once_on_the_durable_timer_across_a_restart()
    {
        TlvDeadlineWatcher Watcher() => Funding.Services.GetRequiredService<TlvDeadlineWatcher>();
        var (id, _, _, _) = await DecidedAsync(Granted());
        await ReadAsync(await ObjectAsync(AsDeLinde, id), HttpStatusCode.OK);

        Clock.Advance(TimeSpan.FromDays(14));
        await Watcher().RunOnceAsync(Ct);
        Assert.DoesNotContain("TlvLbtRequestOverdue", await EventsAsync());
        // The service restarts within the 2 weeks: the due day is in the database, not in the process.
        await RestartAsync();
        Clock.Advance(TimeSpan.FromDays(1));
        await Watcher().RunOnceAsync(Ct);
        await Watcher().RunOnceAsync(Ct);
        Assert.Single(await EventsAsync(), e => e == "TlvLbtRequestOverdue");
        Assert.True((await GetTlvAsync(AsTheSwv, id)).GetProperty("objection").GetProperty("lbtRequestOverdue").GetBoolean());
        // And after the raise: the mark is durable too, a new instance raises nothing twice.
        await RestartAsync();
        await Watcher().RunOnceAsync(Ct);
        Assert.Single(await EventsAsync(), e => e == "TlvLbtRequestOverdue");
        var watcher = Watcher();

        // Asking late is still asking: recorded, and the objection can be decided.
        var asked = await ReadAsync(await AskLbtAsync(AsTheSwv, id), HttpStatusCode.OK);
        Assert.Equal(Today, asked.GetProperty("objection").GetProperty("lbtAskedOn").GetString());
        await watcher.RunOnceAsync(Ct);
        Assert.Single(await EventsAsync(), e => e == "TlvLbtRequestOverdue");
    }

    [Fact]
    public async Task RULES_4_before_expiry_the_SWV_and_the_school_get_a_renewal_task_and_an_extension_is_a_new_request_with_two_advices_again()
    {
        var watcher = Funding.Services.GetRequiredService<TlvDeadlineWatcher>();
        var (id, child, _, _) = await DecidedAsync(Granted(months: 12));
        var validUntil = DutchTime.Today(Clock).AddMonths(12);

        // Default warning: 3 months before the last valid day.
        var warnOn = validUntil.AddMonths(-3);
        Clock.Advance(TimeSpan.FromDays(warnOn.DayNumber - DutchTime.Today(Clock).DayNumber - 1));
        await watcher.RunOnceAsync(Ct);
        Assert.DoesNotContain("TlvRenewalDue", await EventsAsync());
        Assert.False((await GetTlvAsync(AsTheSwv, id)).GetProperty("renewal").GetProperty("open").GetBoolean());
        Clock.Advance(TimeSpan.FromDays(1));
        await watcher.RunOnceAsync(Ct);
        await watcher.RunOnceAsync(Ct);
        Assert.Single(await EventsAsync(), e => e == "TlvRenewalDue");
        // Raised once across a restart: the task's mark is in the database.
        await RestartAsync();
        watcher = Funding.Services.GetRequiredService<TlvDeadlineWatcher>();
        await watcher.RunOnceAsync(Ct);
        Assert.Single(await EventsAsync(), e => e == "TlvRenewalDue");

        // The task: in the TLV's answer and in the SWV's (and the school's) list; not for an expert.
        Assert.True((await GetTlvAsync(AsTheSwv, id)).GetProperty("renewal").GetProperty("open").GetBoolean());
        Assert.Equal([id], (await ListPages.FirstAsync(AsTheSwv, "/api/funding/tlvs?renewalOpen=true", Ct)).Select(t => t.GetProperty("id").GetGuid()));
        Assert.Equal([id], (await ListPages.FirstAsync(AsDeLinde, "/api/funding/tlvs?renewalOpen=true", Ct)).Select(t => t.GetProperty("id").GetGuid()));

        // Extension: only the requesting school asks (the SWV does not request its own TLV); it needs substantiation again.
        var extend = new { choice = "extend", substantiation = "Still needs the small group.", parentsView = "The parents want her to stay." };
        await ReadAsync(await AsTheSwv.PostAsJsonAsync($"/api/funding/tlvs/{id}/renewal", extend, Ct), HttpStatusCode.Forbidden);
        await ReadAsync(await AsHorizon.PostAsJsonAsync($"/api/funding/tlvs/{id}/renewal", extend, Ct), HttpStatusCode.Forbidden);
        await ReadAsync(await AsDeLinde.PostAsJsonAsync($"/api/funding/tlvs/{id}/renewal", new { choice = "extend" }, Ct), HttpStatusCode.BadRequest);
        var chosen = await ReadAsync(await AsDeLinde.PostAsJsonAsync($"/api/funding/tlvs/{id}/renewal", extend, Ct), HttpStatusCode.OK);
        var renewal = chosen.GetProperty("renewal");
        Assert.Equal(("extend", false), (renewal.GetProperty("choice").GetString(), renewal.GetProperty("open").GetBoolean()));
        var extensionId = renewal.GetProperty("extensionTlvId").GetGuid();
        Assert.Empty(await ListPages.FirstAsync(AsTheSwv, "/api/funding/tlvs?renewalOpen=true", Ct));
        await ReadAsync(await AsDeLinde.PostAsJsonAsync($"/api/funding/tlvs/{id}/renewal", new { choice = "terugplaatsing", plannedOn = Today }, Ct), HttpStatusCode.Conflict);

        // The new request: same child, school and SWV; RULES.md §4 wants the two advices again before its decision.
        var extension = await GetTlvAsync(AsTheSwv, extensionId);
        Assert.Equal(("requested", child, id), (extension.GetProperty("status").GetString(), extension.GetProperty("childReference").GetString(), extension.GetProperty("extendsTlvId").GetGuid()));
        Assert.False(extension.GetProperty("readyForDecision").GetBoolean());
        await ReadAsync(await AsTheSwv.PostAsJsonAsync($"/api/funding/tlvs/{extensionId}/decision", Granted(), Ct), HttpStatusCode.Conflict);
        Assert.Equal(["TlvRenewalChosen", "TlvRenewalDue", "TlvRequested"], (await EventsAsync()).SkipWhile(e => e != "TlvRenewalDue").Where(e => e.StartsWith("Tlv")).Order());
    }

    [Fact]
    public async Task RULES_4_a_terugplaatsing_is_planned_by_the_school_or_the_SWV_before_the_TLV_expires()
    {
        var (id, _, _, _) = await DecidedAsync(Granted(months: 2));
        var validUntil = DutchTime.Today(Clock).AddMonths(2);
        // A TLV of less than the warning is due at once on the next sweep.
        await Funding.Services.GetRequiredService<TlvDeadlineWatcher>().RunOnceAsync(Ct);
        Assert.True((await GetTlvAsync(AsDeLinde, id)).GetProperty("renewal").GetProperty("open").GetBoolean());

        Task<HttpResponseMessage> Plan(HttpClient who, DateOnly on) =>
            who.PostAsJsonAsync($"/api/funding/tlvs/{id}/renewal", new { choice = "terugplaatsing", plannedOn = on.ToString("yyyy-MM-dd") }, Ct);
        var tooLate = await ReadAsync(await Plan(AsTheSwv, validUntil.AddDays(1)), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("RULES.md §4", tooLate.GetProperty("detail").GetString());
        await ReadAsync(await Plan(AsTheSwv, DutchTime.Today(Clock).AddDays(-1)), HttpStatusCode.UnprocessableEntity);
        await ReadAsync(await Plan(AsJgz, validUntil), HttpStatusCode.Forbidden);
        await ReadAsync(await AsTheSwv.PostAsJsonAsync($"/api/funding/tlvs/{id}/renewal", new { choice = "terugplaatsing" }, Ct), HttpStatusCode.BadRequest);

        var planned = await ReadAsync(await Plan(AsTheSwv, validUntil.AddDays(-7)), HttpStatusCode.OK);
        Assert.Equal(("terugplaatsing", validUntil.AddDays(-7).ToString("yyyy-MM-dd"), TheSwv, "granted"), (planned.GetProperty("renewal").GetProperty("choice").GetString(),
            planned.GetProperty("renewal").GetProperty("plannedReturnOn").GetString(), planned.GetProperty("renewal").GetProperty("chosenBy").GetString(),
            planned.GetProperty("status").GetString()));
        await ReadAsync(await Plan(AsDeLinde, validUntil), HttpStatusCode.Conflict);
        Assert.Single(await EventsAsync(), e => e == "TlvRenewalChosen");
    }

    [Fact]
    public async Task RULES_4_a_school_whose_consent_was_withdrawn_cannot_file_an_objection_for_the_child()
    {
        var (id, child, consentId, caseId) = await DecidedAsync(Granted());
        await PublishAndWaitAsync(new ConsentWithdrawn(consentId, caseId, child, [DeLinde, TheSwv, Horizon, Jgz], Clock.GetUtcNow()),
            db => db.Set<ConsentCopy>().AnyAsync(c => c.ConsentId == consentId && c.WithdrawnAt != null));
        await ReadAsync(await ObjectAsync(AsDeLinde, id), HttpStatusCode.NotFound);
        await ReadAsync(await AsDeLinde.PostAsJsonAsync($"/api/funding/tlvs/{id}/renewal",
            new { choice = "extend", substantiation = "x", parentsView = "y" }, Ct), HttpStatusCode.NotFound);
        Assert.Null((await InDbAsync(db => db.Tlvs.SingleAsync(t => t.Id == id, Ct))).Objection);
    }

    private Task<HttpResponseMessage> AdviseAsPersonAsync(HttpClient expert, Guid id, string? personId, string profession) =>
        expert.PostAsJsonAsync($"/api/funding/tlvs/{id}/advices", new
        {
            expertName = personId ?? "Drs. B. Peters", expertPersonId = personId, profession, advice = "favourable", summary = "A small group.", givenOn = Today,
        }, Ct);

    /// <summary>The demo directory again, at a newer version, with De Linde's board changed (null: none known), as the Directory would publish it.</summary>
    private async Task PublishDirectoryAsync(long version, string? deLindeBoard)
    {
        var snapshot = SouthLimburg.Snapshot(version);
        await Funding.PublishAndWaitAsync(snapshot with
        {
            Organisations = [.. snapshot.Organisations.Select(o => o.Id == DeLinde ? o with { BoardId = deLindeBoard } : o)],
        });
    }

    [Fact]
    public async Task RULES_4_expert_independence_on_identities_two_different_Directory_persons_of_the_disciplines_and_the_first_not_of_the_school_board()
    {
        // RULES.md §4 (LBT 2017, 2019): the persons are the Directory's (Funding's copy), with organisation, board and disciplines.
        var (caseId, _, _) = await CaseWithConsentAsync();
        var id = await RequestedAsync(caseId);
        foreach (var (org, profession) in new[] { (Horizon, "orthopedagoog"), (Horizon, "pedagoog"), (Jgz, "arts") })
            await ReadAsync(await AsTheSwv.PostAsJsonAsync($"/api/funding/tlvs/{id}/experts", new { organisationId = org, profession }, Ct), HttpStatusCode.OK);

        // RULES.md §4: an advice without its person cannot prove independence (a typed name proves nothing): 422 on expertPersonId.
        var nameOnly = await ReadAsync(await AdviseAsPersonAsync(AsHorizon, id, null, "orthopedagoog"), HttpStatusCode.UnprocessableEntity);
        Assert.True(nameOnly.GetProperty("errors").TryGetProperty("expertPersonId", out _), nameOnly.ToString());
        Assert.Contains("RULES.md §4", nameOnly.GetProperty("detail").GetString());
        // A stranger learns nothing from it: the access check comes first (404, as for any TLV it does not take part in).
        await ReadAsync(await AdviseAsPersonAsync(As("jeugdhulp-onbekend", "youth-care-provider"), id, null, "orthopedagoog"), HttpStatusCode.NotFound);

        // RULES.md §4: the school's board unknown to the Directory: the first expert's independence cannot be checked.
        await PublishDirectoryAsync(2, deLindeBoard: null);
        var unknownBoard = await ReadAsync(await AdviseAsPersonAsync(AsHorizon, id, DemoExperts.Peters, "orthopedagoog"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("RULES.md §4", unknownBoard.GetProperty("detail").GetString());
        Assert.Contains("board", unknownBoard.GetProperty("detail").GetString());
        await PublishDirectoryAsync(3, DemoExperts.DeLindeBoard);

        // RULES.md §4, LBT 2017/2019: A. Janssen advises for Horizon but works for Kindante, De Linde's board: not independent.
        var own = await ReadAsync(await AdviseAsPersonAsync(AsHorizon, id, DemoExperts.Janssen, "orthopedagoog"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("requesting school's board", own.GetProperty("detail").GetString());
        Assert.Contains("RULES.md §4", own.GetProperty("detail").GetString());
        // RULES.md §4: a person of another organisation, a person not in the Directory, a discipline the person is not registered in: refused.
        await ReadAsync(await AdviseAsPersonAsync(AsHorizon, id, DemoExperts.Maas, "orthopedagoog"), HttpStatusCode.UnprocessableEntity);
        await ReadAsync(await AdviseAsPersonAsync(AsHorizon, id, "horizon-nobody", "orthopedagoog"), HttpStatusCode.UnprocessableEntity);
        var discipline = await ReadAsync(await AdviseAsPersonAsync(AsHorizon, id, "horizon-c-smeets", "orthopedagoog"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("orthopedagoog", discipline.GetProperty("detail").GetString());
        Assert.Empty((await InDbAsync(db => db.Tlvs.SingleAsync(t => t.Id == id, Ct))).Advices);
        await ReadAsync(await AdviseAsPersonAsync(AsHorizon, id, DemoExperts.Peters, "orthopedagoog"), HttpStatusCode.Created);
        // RULES.md §4: the same person cannot give the second advice too, whatever name is typed.
        var same = await ReadAsync(await AsHorizon.PostAsJsonAsync($"/api/funding/tlvs/{id}/advices", new
        {
            expertName = "Someone Else", expertPersonId = DemoExperts.Peters, profession = "pedagoog", advice = "favourable", summary = "x", givenOn = Today,
        }, Ct), HttpStatusCode.UnprocessableEntity);
        Assert.True(same.GetProperty("errors").TryGetProperty("expertPersonId", out _));
        Assert.False((await GetTlvAsync(AsTheSwv, id)).GetProperty("readyForDecision").GetBoolean());
        await ReadAsync(await AdviseAsPersonAsync(AsJgz, id, DemoExperts.Maas, "arts"), HttpStatusCode.Created);
        var ready = await GetTlvAsync(AsTheSwv, id);
        Assert.True(ready.GetProperty("readyForDecision").GetBoolean());
        Assert.Equal([DemoExperts.Peters, DemoExperts.Maas], ready.GetProperty("advices").EnumerateArray().Select(a => a.GetProperty("expertPersonId").GetString()));
        Assert.Equal([null, null], ready.GetProperty("advices").EnumerateArray().Select(a => a.GetProperty("expertBoardId").GetString()));
    }

    [Fact]
    public async Task RULES_4_the_first_advice_does_not_come_from_another_school_of_the_requesting_school_s_board_whatever_the_person_s_record_says()
    {
        // RULES.md §4, LBT 2017/2019: Het Kompas is run by Kindante, De Linde's board. Its orthopedagoog, registered
        // without a board (an SWV's slip or a convenient omission), is still the board's own.
        const string Kompas = "school-sbo-het-kompas";
        var (caseId, _, _) = await CaseWithConsentAsync(Kompas);
        var id = await RequestedAsync(caseId);
        await ReadAsync(await AsTheSwv.PostAsJsonAsync($"/api/funding/tlvs/{id}/experts", new { organisationId = Kompas, profession = "orthopedagoog" }, Ct), HttpStatusCode.OK);
        var snapshot = SouthLimburg.Snapshot(2);
        await Funding.PublishAndWaitAsync(snapshot with
        {
            Experts = [.. snapshot.Experts!, new Platform.Contracts.Directory.DirectoryExpert("kompas-ortho", Kompas, null, ["orthopedagoog"], true)],
        });
        var sameBoard = await ReadAsync(await AdviseAsPersonAsync(As(Kompas, "school", GemeenteCode), id, "kompas-ortho", "orthopedagoog"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("requesting school's board", sameBoard.GetProperty("detail").GetString());
        Assert.Contains("RULES.md §4", sameBoard.GetProperty("detail").GetString());
        Assert.Empty((await InDbAsync(db => db.Tlvs.SingleAsync(t => t.Id == id, Ct))).Advices);
    }

    [Fact]
    public async Task RULES_4_an_expert_the_Directory_has_made_inactive_gives_no_advice()
    {
        var (caseId, _, _) = await CaseWithConsentAsync();
        var id = await RequestedAsync(caseId);
        await ReadAsync(await AsTheSwv.PostAsJsonAsync($"/api/funding/tlvs/{id}/experts", new { organisationId = Horizon, profession = "orthopedagoog" }, Ct), HttpStatusCode.OK);
        var snapshot = SouthLimburg.Snapshot(2);
        await Funding.PublishAndWaitAsync(snapshot with
        {
            Experts = [.. snapshot.Experts!.Select(e => e.PersonId == DemoExperts.Peters ? e with { Active = false } : e)],
        });
        var inactive = await ReadAsync(await AdviseAsPersonAsync(AsHorizon, id, DemoExperts.Peters, "orthopedagoog"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("RULES.md §4", inactive.GetProperty("detail").GetString());
    }
}

/// <summary>The renewal warning is the region's setting (RULES.md §4 says only "before expiry"): here one month.</summary>
public sealed class TlvRenewalWarningSettingTests(TestServersFixture fixture) : FundingTestBase(fixture)
{
    protected override ServiceSetup Setup => base.Setup with
    {
        Settings = new Dictionary<string, string?> { ["Funding:EscalationTableId"] = Table, ["Funding:TlvRenewalWarningMonths"] = "1" },
    };

    [Fact]
    public async Task RULES_4_the_renewal_task_is_raised_the_configured_months_before_expiry()
    {
        await using (var scope = Funding.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Platform.Funding.Infrastructure.FundingDbContext>();
            var tlv = Tlv.Request(Guid.NewGuid(), $"cr1-{Guid.NewGuid():N}", GemeenteCode, School, SchoolLocation, "swv-po-maastricht-heuvelland", "sbo", null,
                "Substantiation.", "View.", 42, Clock.GetUtcNow());
            tlv.Invite("jeugdhulp-horizon", "orthopedagoog", Clock.GetUtcNow());
            tlv.Invite("jgz-zuid-limburg", "arts", Clock.GetUtcNow());
            tlv.Advise("jeugdhulp-horizon", "Drs. B. Peters", "orthopedagoog", "favourable", "x", DutchTime.Today(Clock), Clock.GetUtcNow(), DemoExperts.Of(DemoExperts.Peters), DemoExperts.DeLindeBoard);
            tlv.Advise("jgz-zuid-limburg", "Dr. E. Maas", "arts", "favourable", "x", DutchTime.Today(Clock), Clock.GetUtcNow(), DemoExperts.Of(DemoExperts.Maas), DemoExperts.DeLindeBoard);
            tlv.Grant("swv-po-maastricht-heuvelland", "sbo", null, null, DutchTime.Today(Clock), DutchTime.Today(Clock).AddMonths(12), "Heard.", "Both advices.", Clock.GetUtcNow());
            db.Tlvs.Add(tlv);
            await db.SaveChangesAsync(Ct);
        }
        var watcher = Funding.Services.GetRequiredService<TlvDeadlineWatcher>();
        var warnOn = DutchTime.Today(Clock).AddMonths(12).AddMonths(-1);
        // Three months before (the default) nothing happens here.
        Clock.Advance(TimeSpan.FromDays(DutchTime.Today(Clock).AddMonths(9).DayNumber - DutchTime.Today(Clock).DayNumber));
        await watcher.RunOnceAsync(Ct);
        Clock.Advance(TimeSpan.FromDays(warnOn.DayNumber - DutchTime.Today(Clock).DayNumber - 1));
        await watcher.RunOnceAsync(Ct);
        Assert.DoesNotContain("TlvRenewalDue", await EventsAsync());
        Clock.Advance(TimeSpan.FromDays(1));
        await watcher.RunOnceAsync(Ct);
        Assert.Single(await EventsAsync(), e => e == "TlvRenewalDue");
    }
}
