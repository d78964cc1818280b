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
/// The OPP (ontwikkelingsperspectief, RULES.md §4): required for pupils with extra support and all pupils in SBO, PrO, SO/VSO; set
/// within 6 weeks of enrolment; evaluated at least yearly; the parents' consent to its handelingsdeel recorded. The platform holds
/// dates, status and consent; the content stays at the school. Durable clocks on the fake clock.
/// </summary>
public sealed class OppTests(TestServersFixture fixture) : FundingTestBase(fixture)
{
    private const string DeLinde = "school-bs-de-linde", TheSwv = "swv-po-maastricht-heuvelland", HetKompas = "school-sbo-het-kompas";
    private const string Path = "/api/funding/opps";

    private HttpClient AsDeLinde => As(DeLinde, "school", GemeenteCode);
    private HttpClient AsHetKompas => As(HetKompas, "school", GemeenteCode);
    private HttpClient AsTheSwv => As(TheSwv, "swv");
    private string Today => DutchTime.Today(Clock).ToString("yyyy-MM-dd");
    private OppDeadlineWatcher Watcher => Funding.Services.GetRequiredService<OppDeadlineWatcher>();

    private async Task<Guid> CaseWithConsentAsync()
    {
        var caseId = Guid.NewGuid();
        var child = $"cr1-{Guid.NewGuid():N}";
        await PublishAndWaitAsync(new CaseOpened(caseId, child, GemeenteCode, "gemeente-maastricht", Clock.GetUtcNow(), new DateOnly(2026, 12, 9), Clock.GetUtcNow(), DeLinde),
            db => db.Set<CaseCopy>().AnyAsync(c => c.CaseId == caseId));
        var consent = new ConsentGranted(Guid.NewGuid(), caseId, child, [DeLinde, HetKompas, TheSwv, "gemeente-maastricht"],
            "Ondersteuning", ["parents"], null, Clock.GetUtcNow(), ["support"]);
        await PublishAndWaitAsync(consent, db => db.Set<ConsentCopy>().AnyAsync(c => c.ConsentId == consent.ConsentId));
        return caseId;
    }

    private Task<HttpResponseMessage> EnrolAsync(HttpClient who, Guid caseId, string location, bool? extraSupport = null, string? enrolledOn = null) =>
        who.PostAsJsonAsync(Path, new { caseId, schoolLocationId = location, enrolledOn = enrolledOn ?? Today, extraSupport }, Ct);

    private async Task<Guid> EnrolledAsync(HttpClient who, string location, bool? extraSupport = null)
    {
        var created = await ReadAsync(await EnrolAsync(who, await CaseWithConsentAsync(), location, extraSupport), HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    private Task<HttpResponseMessage> StepAsync(HttpClient who, Guid id, string step, object body) =>
        step == "parents-consent" ? who.PutAsJsonAsync($"{Path}/{id}/{step}", body, Ct) : who.PostAsJsonAsync($"{Path}/{id}/{step}", body, Ct);

    private void ToDay(DateOnly day) => Clock.Advance(TimeSpan.FromDays(day.DayNumber - DutchTime.Today(Clock).DayNumber));

    [Fact]
    public async Task RULES_4_an_OPP_is_required_for_every_pupil_of_an_SBO_and_for_a_regular_pupil_with_extra_support_only()
    {
        var caseId = await CaseWithConsentAsync();
        // A regular school: only for a pupil with extra support (RULES.md §4).
        var notRequired = await ReadAsync(await EnrolAsync(AsDeLinde, caseId, "27DL00", extraSupport: false), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("RULES.md §4", notRequired.GetProperty("detail").GetString());
        Assert.True(notRequired.GetProperty("errors").TryGetProperty("extraSupport", out _));
        var regular = await ReadAsync(await EnrolAsync(AsDeLinde, caseId, "27DL00", extraSupport: true), HttpStatusCode.Created);
        Assert.Equal(("extra-support", "po", "due", DutchTime.Today(Clock).AddDays(42).ToString("yyyy-MM-dd"), TheSwv),
            (regular.GetProperty("requiredBecause").GetString(), regular.GetProperty("schoolType").GetString(), regular.GetProperty("status").GetString(),
             regular.GetProperty("setDueOn").GetString(), regular.GetProperty("swvId").GetString()));
        await ReadAsync(await EnrolAsync(AsDeLinde, caseId, "27DL00", extraSupport: true), HttpStatusCode.Conflict);
        // An SBO: every pupil, whatever was said about support.
        var sbo = await ReadAsync(await EnrolAsync(AsHetKompas, caseId, "27HK00"), HttpStatusCode.Created);
        Assert.Equal(("school-type", "sbo"), (sbo.GetProperty("requiredBecause").GetString(), sbo.GetProperty("schoolType").GetString()));
        // Only the school, for its own location; not in the future.
        await ReadAsync(await EnrolAsync(AsTheSwv, caseId, "27HK00"), HttpStatusCode.Forbidden);
        await ReadAsync(await EnrolAsync(AsDeLinde, caseId, "27HK00"), HttpStatusCode.UnprocessableEntity);
        await ReadAsync(await EnrolAsync(AsDeLinde, caseId, "27DL01", true, DutchTime.Today(Clock).AddDays(1).ToString("yyyy-MM-dd")), HttpStatusCode.UnprocessableEntity);
        // A case that does not name the school answers as an unknown one.
        var unknown = await ReadAsync(await EnrolAsync(As("school-bs-het-palet", "school", "GM0917"), caseId, "19HP00", true), HttpStatusCode.UnprocessableEntity);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("caseId", out _));
        Assert.Equal(["OppRequired", "OppRequired"], (await EventsAsync()).Where(e => e.StartsWith("Opp")));
    }

    [Fact]
    public async Task RULES_4_set_within_6_weeks_late_is_accepted_and_flagged_evaluated_yearly_and_the_parents_consent_to_the_handelingsdeel_is_recorded()
    {
        var onTime = await EnrolledAsync(AsHetKompas, "27HK00");
        var late = await EnrolledAsync(AsHetKompas, "27HK00");
        var enrolledOn = DutchTime.Today(Clock);
        // The consent follows the setting: nothing to consent to before (409).
        await ReadAsync(await StepAsync(AsHetKompas, onTime, "parents-consent", new { consent = "given", on = Today }), HttpStatusCode.Conflict);
        await ReadAsync(await StepAsync(AsHetKompas, onTime, "evaluations", new { evaluatedOn = Today }), HttpStatusCode.Conflict);

        ToDay(enrolledOn.AddDays(42));
        var set = await ReadAsync(await StepAsync(AsHetKompas, onTime, "establishment", new { setOn = Today }), HttpStatusCode.OK);
        Assert.Equal(("set", true, "pending", enrolledOn.AddDays(42).AddYears(1).ToString("yyyy-MM-dd")), (set.GetProperty("status").GetString(),
            set.GetProperty("setOnTime").GetBoolean(), set.GetProperty("parentsConsent").GetString(), set.GetProperty("evaluationDueOn").GetString()));
        await ReadAsync(await StepAsync(AsHetKompas, onTime, "establishment", new { setOn = Today }), HttpStatusCode.Conflict);
        var before = await ReadAsync(await StepAsync(AsHetKompas, late, "establishment", new { setOn = enrolledOn.AddDays(-1).ToString("yyyy-MM-dd") }), HttpStatusCode.UnprocessableEntity);
        Assert.True(before.GetProperty("errors").TryGetProperty("setOn", out _));

        ToDay(enrolledOn.AddDays(50));
        var lateSet = await ReadAsync(await StepAsync(AsHetKompas, late, "establishment", new { setOn = Today }), HttpStatusCode.OK);
        Assert.False(lateSet.GetProperty("setOnTime").GetBoolean());

        // The parents' consent to the handelingsdeel: refused, then given; each recorded with its day.
        var bad = await ReadAsync(await StepAsync(AsHetKompas, onTime, "parents-consent", new { consent = "maybe", on = Today }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("consent", out _));
        await ReadAsync(await StepAsync(AsHetKompas, onTime, "parents-consent", new { consent = "refused", on = Today }), HttpStatusCode.OK);
        var given = await ReadAsync(await StepAsync(AsHetKompas, onTime, "parents-consent", new { consent = "given", on = Today }), HttpStatusCode.OK);
        Assert.Equal(("given", Today), (given.GetProperty("parentsConsent").GetString(), given.GetProperty("parentsConsentOn").GetString()));

        // Evaluated within the year: on time; the next one a year later.
        ToDay(enrolledOn.AddDays(300));
        var evaluated = await ReadAsync(await StepAsync(AsHetKompas, onTime, "evaluations", new { evaluatedOn = Today }), HttpStatusCode.OK);
        Assert.Equal((true, DutchTime.Today(Clock).AddYears(1).ToString("yyyy-MM-dd")), (evaluated.GetProperty("lastEvaluationOnTime").GetBoolean(),
            evaluated.GetProperty("evaluationDueOn").GetString()));

        var events = (await EventsAsync()).Where(e => e.StartsWith("Opp")).ToList();
        Assert.Equal(["OppRequired", "OppRequired", "OppEstablished", "OppEstablished", "OppParentsConsentRecorded", "OppParentsConsentRecorded", "OppEvaluated"], events);
    }

    [Fact]
    public async Task RULES_4_the_OPP_terms_passing_are_raised_once_on_the_durable_clock_across_a_restart()
    {
        var id = await EnrolledAsync(AsDeLinde, "27DL00", extraSupport: true);
        var enrolledOn = DutchTime.Today(Clock);
        ToDay(enrolledOn.AddDays(42));
        await Watcher.RunOnceAsync(Ct);
        Assert.DoesNotContain("OppOverdue", await EventsAsync());
        ToDay(enrolledOn.AddDays(43));
        await Watcher.RunOnceAsync(Ct);
        await Watcher.RunOnceAsync(Ct);
        Assert.Single(await EventsAsync(), e => e == "OppOverdue");
        Assert.Equal("overdue", (await ReadAsync(await AsTheSwv.GetAsync($"{Path}/{id}", Ct), HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.Equal([id], (await ListPages.FirstAsync(AsTheSwv, $"{Path}?overdue=true", Ct)).Select(o => o.GetProperty("id").GetGuid()));

        await RestartAsync();
        await Watcher.RunOnceAsync(Ct);
        Assert.Single(await EventsAsync(), e => e == "OppOverdue");

        // Set late, then a year passes without an evaluation: raised once for that due day.
        await ReadAsync(await StepAsync(AsDeLinde, id, "establishment", new { setOn = Today }), HttpStatusCode.OK);
        var due = DutchTime.Today(Clock).AddYears(1);
        ToDay(due);
        await Watcher.RunOnceAsync(Ct);
        Assert.Single(await EventsAsync(), e => e == "OppOverdue");
        ToDay(due.AddDays(1));
        await Watcher.RunOnceAsync(Ct);
        await RestartAsync();
        await Watcher.RunOnceAsync(Ct);
        Assert.Equal(2, (await EventsAsync()).Count(e => e == "OppOverdue"));
        // A late evaluation is recorded, flagged; the next year's clock starts from it.
        var evaluated = await ReadAsync(await StepAsync(AsDeLinde, id, "evaluations", new { evaluatedOn = Today }), HttpStatusCode.OK);
        Assert.Equal((false, false), (evaluated.GetProperty("lastEvaluationOnTime").GetBoolean(), evaluated.GetProperty("evaluationOverdue").GetBoolean()));
    }

    /// <summary>Every OPP action × every organisation role (policy table in docs/security.md): the school acts, its SWV reads, nobody else sees it.</summary>
    [Fact]
    public async Task Each_OPP_action_answers_each_role_by_the_policy_table()
    {
        var id = await EnrolledAsync(AsDeLinde, "27DL00", extraSupport: true);
        var roles = new (string Name, HttpClient Client, HttpStatusCode Read, HttpStatusCode Write)[]
        {
            ("the school", AsDeLinde, HttpStatusCode.OK, HttpStatusCode.BadRequest),
            ("the school's SWV", AsTheSwv, HttpStatusCode.OK, HttpStatusCode.Forbidden),
            ("another school of the same SWV", AsHetKompas, HttpStatusCode.NotFound, HttpStatusCode.NotFound),
            ("another SWV", As("swv-po-parkstad", "swv"), HttpStatusCode.NotFound, HttpStatusCode.NotFound),
            ("the child's municipality", As("gemeente-maastricht", "municipality", GemeenteCode), HttpStatusCode.NotFound, HttpStatusCode.NotFound),
            ("an expert (jgz)", As("jgz-zuid-limburg", "jgz"), HttpStatusCode.NotFound, HttpStatusCode.NotFound),
            ("the escalation table", AsTable, HttpStatusCode.NotFound, HttpStatusCode.NotFound),
        };
        var failures = new List<string>();
        foreach (var (name, client, read, write) in roles)
        {
            void Expect(string what, HttpStatusCode expected, HttpResponseMessage response)
            {
                if (response.StatusCode != expected) failures.Add($"{name}, {what}: {(int)response.StatusCode}, expected {(int)expected}");
            }
            Expect("GET", read, await client.GetAsync($"{Path}/{id}", Ct));
            foreach (var step in new[] { "establishment", "evaluations", "parents-consent" }) Expect(step, write, await StepAsync(client, id, step, new { }));
            var listed = (await ListPages.FirstAsync(client, Path, Ct)).Any(o => o.GetProperty("id").GetGuid() == id);
            if (listed != (read == HttpStatusCode.OK)) failures.Add($"{name}: listed {listed}");
            Expect("enrol", name is "the school" or "another school of the same SWV" ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.Forbidden,
                await EnrolAsync(client, Guid.NewGuid(), "27DL00", true));
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    // RULES.md §4 (#24 point 2): "set within 6 weeks of enrolment; a handover's completion starts the clock". A completed
    // handover into an SBO, SO or VSO school is the enrolment: the receiving school's OPP opens with the completion day,
    // once (a redelivered event, or a second handover to the same school, opens no second one). Into a regular school
    // nothing opens (extra support is not in the event: the school records it), nor for a child Funding has no case of.
    [Fact]
    public async Task RULES_4_a_completed_handover_into_an_SBO_starts_the_receiving_schools_OPP_clock_once_and_into_a_regular_school_none()
    {
        var caseId = await CaseWithConsentAsync();
        var child = await InDbAsync(db => db.Set<CaseCopy>().Where(c => c.CaseId == caseId).Select(c => c.ChildReference).FirstAsync(Ct));
        var completedOn = Clock.GetUtcNow().AddDays(-3);
        var intoSbo = new Platform.Contracts.Handover.HandoverCompleted(Guid.NewGuid(), child, "primary-to-sbo", DeLinde, HetKompas, completedOn);
        var messageId = Guid.NewGuid();
        await Funding.PublishAndWaitAsync(intoSbo, messageId);
        await Funding.PublishAndWaitAsync(intoSbo, messageId); // redelivered
        await Funding.PublishAndWaitAsync(intoSbo with { HandoverId = Guid.NewGuid() }); // a second handover to the same school

        var opps = await ListPages.FirstAsync(AsHetKompas, Path, Ct);
        var opp = Assert.Single(opps);
        var enrolledOn = DutchTime.DateOf(completedOn);
        Assert.Equal((caseId, "27HK00", "sbo", "school-type", enrolledOn.ToString("yyyy-MM-dd"), enrolledOn.AddDays(42).ToString("yyyy-MM-dd"), "due"),
            (opp.GetProperty("caseId").GetGuid(), opp.GetProperty("schoolLocationId").GetString(), opp.GetProperty("schoolType").GetString(),
             opp.GetProperty("requiredBecause").GetString(), opp.GetProperty("enrolledOn").GetString(), opp.GetProperty("setDueOn").GetString(),
             opp.GetProperty("status").GetString()));
        Assert.Single(await OutboxPayloadsAsync("OppRequired"));
        // The sending school has no part in the receiving school's OPP.
        await ReadAsync(await AsDeLinde.GetAsync($"{Path}/{opp.GetProperty("id").GetGuid()}", Ct), HttpStatusCode.NotFound);

        // Into a regular school, and a child without a case here: no clock.
        await Funding.PublishAndWaitAsync(new Platform.Contracts.Handover.HandoverCompleted(Guid.NewGuid(), child, "sbo-to-primary", HetKompas, DeLinde, completedOn));
        await Funding.PublishAndWaitAsync(new Platform.Contracts.Handover.HandoverCompleted(Guid.NewGuid(), $"cr1-{Guid.NewGuid():N}", "primary-to-sbo", DeLinde, HetKompas, completedOn));
        Assert.Equal(1, await InDbAsync(db => db.Opps.CountAsync(Ct)));
    }
}
