using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.ConsentReplica;
using Platform.Contracts.Handover;
using Platform.Contracts.Intake;
using Platform.Funding.Domain;
using Platform.Funding.Jobs;
using Platform.TestInfrastructure;
using Platform.SharedKernel;

namespace Platform.Funding.Tests;

/// <summary>
/// The TLV: a school requests it for a child of an Intake case, the SWV asks two experts, each gives a
/// separate advice, the SWV decides within its term; consent for the TLV gates every step; a
/// terugplaatsing or the end of its validity ends it. Consent and case arrive from Intake's events on the broker.
/// </summary>
public sealed class TlvTests(TestServersFixture fixture) : FundingTestBase(fixture)
{
    private const string DeLinde = "school-bs-de-linde", TheSwv = "swv-po-maastricht-heuvelland";
    private const string Horizon = "jeugdhulp-horizon", Jgz = "jgz-zuid-limburg";

    private HttpClient AsDeLinde => As(DeLinde, "school", GemeenteCode);
    private HttpClient AsTheSwv => As(TheSwv, "swv");
    private HttpClient AsHorizon => As(Horizon, "youth-care-provider");
    private HttpClient AsJgz => As(Jgz, "jgz");

    /// <summary>An Intake case for a child whose parents consented to the TLV for De Linde, the SWV and the given experts.</summary>
    private async Task<(Guid CaseId, string Child, Guid ConsentId)> CaseWithConsentAsync(string[]? organisations = null, string[]? purposes = null)
    {
        var caseId = Guid.NewGuid();
        var child = $"cr1-{Guid.NewGuid():N}";
        await PublishAndWaitAsync(new CaseOpened(caseId, child, GemeenteCode, "gemeente-maastricht", Clock.GetUtcNow(), new DateOnly(2026, 12, 9), Clock.GetUtcNow(), DeLinde),
            db => db.Set<CaseCopy>().AnyAsync(c => c.CaseId == caseId));
        var consent = new ConsentGranted(Guid.NewGuid(), caseId, child, organisations ?? [DeLinde, TheSwv, Horizon, Jgz, "gemeente-maastricht"],
            "Aanvraag TLV voor SBO", ["parents"], null, Clock.GetUtcNow(), purposes ?? ["support", "tlv"]);
        await PublishAndWaitAsync(consent, db => db.Set<ConsentCopy>().AnyAsync(c => c.ConsentId == consent.ConsentId));
        return (caseId, child, consent.ConsentId);
    }

    private static object Request(Guid caseId, string location = "27DL00", string kind = "sbo", string? receiving = "27HK00") => new
    {
        caseId, schoolLocationId = location, kind, receivingLocationId = receiving,
        substantiation = "Two years of extra support in class and an arrangement; still two years behind and anxious in large groups.",
        parentsView = "We want a smaller school where she is not overwhelmed.",
    };

    private async Task<Guid> RequestedAsync(Guid caseId)
    {
        var created = await ReadAsync(await AsDeLinde.PostAsJsonAsync("/api/funding/tlvs", Request(caseId), Ct), HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    private async Task InviteBothAsync(Guid id)
    {
        await ReadAsync(await AsTheSwv.PostAsJsonAsync($"/api/funding/tlvs/{id}/experts", new { organisationId = Horizon, profession = "orthopedagoog" }, Ct), HttpStatusCode.OK);
        await ReadAsync(await AsTheSwv.PostAsJsonAsync($"/api/funding/tlvs/{id}/experts", new { organisationId = Jgz, profession = "arts" }, Ct), HttpStatusCode.OK);
    }

    /// <summary>An advice by a person of the demo directory (RULES.md §4: every advice names its person, <c>expertPersonId</c>).</summary>
    private Task<HttpResponseMessage> AdviseAsync(HttpClient expert, Guid id, string name, string profession, string personId) =>
        expert.PostAsJsonAsync($"/api/funding/tlvs/{id}/advices", new
        {
            expertName = name, expertPersonId = personId, profession, advice = "favourable", summary = "Needs a small group and a structured day.", givenOn = "2026-11-24",
        }, Ct);

    private static object Grant(string kind = "sbo", string? category = null) => new
    {
        outcome = "granted", kind, category, receivingLocationId = "27HK00", validFrom = "2026-12-01", validUntil = "2027-07-31",
        parentsView = "The parents agree with SBO Het Kompas.", reasons = "Both advices: the support she needs exceeds what a regular school offers.",
    };

    [Fact]
    public async Task No_decision_without_two_separate_advices_then_the_SWV_grants_and_only_those_involved_see_it()
    {
        var (caseId, child, _) = await CaseWithConsentAsync();
        var id = await RequestedAsync(caseId);
        var requested = await GetTlvAsync(AsDeLinde, id);
        Assert.Equal(("requested", TheSwv, "2027-01-06"), (requested.GetProperty("status").GetString(), requested.GetProperty("swvId").GetString(), requested.GetProperty("decisionDueOn").GetString()));

        // No advice yet, then only one: no decision.
        await ReadAsync(await AsTheSwv.PostAsJsonAsync($"/api/funding/tlvs/{id}/decision", Grant(), Ct), HttpStatusCode.Conflict);
        await InviteBothAsync(id);
        // JGZ was asked as doctor, not as orthopedagoog; the school was not asked at all.
        await ReadAsync(await AdviseAsync(AsJgz, id, "Dr. E. Maas", "orthopedagoog", DemoExperts.Maas), HttpStatusCode.UnprocessableEntity);
        await ReadAsync(await AdviseAsync(AsDeLinde, id, "Intern begeleider", "orthopedagoog", "delinde-ib"), HttpStatusCode.Forbidden);
        await ReadAsync(await AdviseAsync(AsHorizon, id, "Drs. B. Peters", "orthopedagoog", DemoExperts.Peters), HttpStatusCode.Created);
        await ReadAsync(await AsTheSwv.PostAsJsonAsync($"/api/funding/tlvs/{id}/decision", Grant(), Ct), HttpStatusCode.Conflict);
        // Two advices by one and the same expert are one advice (RULES.md §4): JGZ cannot pass off Horizon's person as its own.
        await ReadAsync(await AdviseAsync(AsJgz, id, "Drs. B. Peters", "arts", DemoExperts.Peters), HttpStatusCode.UnprocessableEntity);
        await ReadAsync(await AdviseAsync(AsJgz, id, "Dr. E. Maas", "arts", DemoExperts.Maas), HttpStatusCode.Created);
        Assert.True((await GetTlvAsync(AsTheSwv, id)).GetProperty("readyForDecision").GetBoolean());

        // An SBO admission has no category; an SO admission needs one; the period must end after it starts.
        await ReadAsync(await AsTheSwv.PostAsJsonAsync($"/api/funding/tlvs/{id}/decision", Grant(category: "hoog"), Ct), HttpStatusCode.UnprocessableEntity);
        await ReadAsync(await AsTheSwv.PostAsJsonAsync($"/api/funding/tlvs/{id}/decision", Grant(kind: "so"), Ct), HttpStatusCode.UnprocessableEntity);
        await ReadAsync(await AsDeLinde.PostAsJsonAsync($"/api/funding/tlvs/{id}/decision", Grant(), Ct), HttpStatusCode.Forbidden);
        var decided = await ReadAsync(await AsTheSwv.PostAsJsonAsync($"/api/funding/tlvs/{id}/decision", Grant(), Ct), HttpStatusCode.OK);
        Assert.Equal(("granted", "granted", "sbo", "2027-07-31"), (decided.GetProperty("status").GetString(), decided.GetProperty("decision").GetProperty("outcome").GetString(),
            decided.GetProperty("decision").GetProperty("kind").GetString(), decided.GetProperty("decision").GetProperty("validUntil").GetString()));
        await ReadAsync(await AsTheSwv.PostAsJsonAsync($"/api/funding/tlvs/{id}/decision", Grant(), Ct), HttpStatusCode.Conflict);

        Assert.Equal(["TlvRequested", "TlvAdviceGiven", "TlvAdviceGiven", "TlvDecided"], (await EventsAsync()).Where(e => e.StartsWith("Tlv")));
        // The SWV side holds no BSN: the TLV names the child by reference only.
        Assert.Equal(child, decided.GetProperty("childReference").GetString());
        Assert.False(decided.TryGetProperty("bsn", out _));

        // Another municipality, another school: as if it did not exist.
        await ReadAsync(await As("gemeente-heerlen", "municipality", "GM0917").GetAsync($"/api/funding/tlvs/{id}", Ct), HttpStatusCode.NotFound);
        await ReadAsync(await As("school-bs-het-palet", "school", "GM0917").GetAsync($"/api/funding/tlvs/{id}", Ct), HttpStatusCode.NotFound);
        Assert.Single(await ListPages.FirstAsync(AsHorizon, "/api/funding/tlvs", Ct));
    }

    private async Task<JsonElement> GetTlvAsync(HttpClient client, Guid id) =>
        await ReadAsync(await client.GetAsync($"/api/funding/tlvs/{id}", Ct), HttpStatusCode.OK);

    [Fact]
    public async Task An_unknown_case_and_a_case_whose_consent_does_not_name_the_school_for_the_TLV_get_one_answer_RULES_6()
    {
        // #25 point 4: a school that guesses or learns a case id may not find out whether the case exists.
        var (supportOnly, _, _) = await CaseWithConsentAsync(purposes: ["support"]);
        var (othersOnly, _, _) = await CaseWithConsentAsync(organisations: [Horizon, TheSwv]);
        var unknown = await ReadAsync(await AsDeLinde.PostAsJsonAsync("/api/funding/tlvs", Request(Guid.NewGuid()), Ct), HttpStatusCode.UnprocessableEntity);
        foreach (var caseId in new[] { supportOnly, othersOnly })
        {
            var known = await ReadAsync(await AsDeLinde.PostAsJsonAsync("/api/funding/tlvs", Request(caseId), Ct), HttpStatusCode.UnprocessableEntity);
            Assert.Equal(unknown.GetProperty("title").GetString(), known.GetProperty("title").GetString());
            Assert.Equal(unknown.GetProperty("errors").ToString(), known.GetProperty("errors").ToString());
        }
        Assert.Equal(0, await InDbAsync(db => db.Tlvs.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_request_needs_the_case_consent_for_the_TLV_a_location_of_the_requester_and_a_special_school()
    {
        var (caseId, _, _) = await CaseWithConsentAsync();
        async Task Refused(HttpClient who, object body, HttpStatusCode status, string? field = null)
        {
            var problem = await ReadAsync(await who.PostAsJsonAsync("/api/funding/tlvs", body, Ct), status);
            if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"Expected an error on {field}: {problem}");
        }
        await Refused(AsTheSwv, Request(caseId), HttpStatusCode.Forbidden);
        await Refused(AsDeLinde, new { caseId, kind = "gymnasium" }, HttpStatusCode.BadRequest, "schoolLocationId");
        await Refused(AsDeLinde, Request(Guid.NewGuid()), HttpStatusCode.UnprocessableEntity, "caseId");
        await Refused(AsDeLinde, Request(caseId, location: "19HP00"), HttpStatusCode.UnprocessableEntity, "schoolLocationId");
        await Refused(AsDeLinde, Request(caseId, location: "99ZZ00"), HttpStatusCode.UnprocessableEntity, "schoolLocationId");
        await Refused(AsDeLinde, Request(caseId, receiving: "27DL01"), HttpStatusCode.UnprocessableEntity, "receivingLocationId");
        // Consent for support around the child is not consent for a TLV.
        var (supportOnly, _, _) = await CaseWithConsentAsync(purposes: ["support"]);
        await Refused(AsDeLinde, Request(supportOnly), HttpStatusCode.UnprocessableEntity, "caseId");
        // Consent for the TLV that leaves out the SWV: it may not receive the request.
        var (withoutSwv, _, _) = await CaseWithConsentAsync(organisations: [DeLinde, Horizon]);
        await Refused(AsDeLinde, Request(withoutSwv), HttpStatusCode.UnprocessableEntity, "caseId");
        Assert.Equal(0, await InDbAsync(db => db.Tlvs.CountAsync(Ct)));

        var id = await RequestedAsync(caseId);
        await Refused(AsDeLinde, Request(caseId), HttpStatusCode.Conflict);
        // The requesting school's own experts cannot give the independent advice; nor an expert the parents did not consent to.
        await ReadAsync(await AsTheSwv.PostAsJsonAsync($"/api/funding/tlvs/{id}/experts", new { organisationId = DeLinde, profession = "orthopedagoog" }, Ct), HttpStatusCode.UnprocessableEntity);
        var problem = await ReadAsync(await AsTheSwv.PostAsJsonAsync($"/api/funding/tlvs/{id}/experts", new { organisationId = "jeugdhulp-onbekend", profession = "psycholoog" }, Ct), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("organisationId", out _));
        var (narrow, _, _) = await CaseWithConsentAsync(organisations: [DeLinde, TheSwv]);
        var narrowId = await RequestedAsync(narrow);
        await ReadAsync(await AsTheSwv.PostAsJsonAsync($"/api/funding/tlvs/{narrowId}/experts", new { organisationId = Horizon, profession = "psycholoog" }, Ct), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_withdrawn_consent_closes_the_file_at_once_while_the_SWV_keeps_only_its_own_record()
    {
        var (caseId, child, consentId) = await CaseWithConsentAsync();
        var id = await RequestedAsync(caseId);
        await InviteBothAsync(id);
        Assert.NotNull((await GetTlvAsync(AsHorizon, id)).GetProperty("substantiation").GetString());

        await PublishAndWaitAsync(new ConsentWithdrawn(consentId, caseId, child, [DeLinde, TheSwv, Horizon, Jgz], Clock.GetUtcNow()),
            db => db.Set<ConsentCopy>().AnyAsync(c => c.ConsentId == consentId && c.WithdrawnAt != null));
        await ReadAsync(await AsHorizon.GetAsync($"/api/funding/tlvs/{id}", Ct), HttpStatusCode.NotFound);
        await ReadAsync(await AdviseAsync(AsHorizon, id, "Drs. B. Peters", "orthopedagoog", DemoExperts.Peters), HttpStatusCode.NotFound);
        await ReadAsync(await AsDeLinde.GetAsync($"/api/funding/tlvs/{id}", Ct), HttpStatusCode.NotFound);
        var swvSees = await GetTlvAsync(AsTheSwv, id);
        Assert.Equal(JsonValueKind.Null, swvSees.GetProperty("substantiation").ValueKind);
        Assert.Equal(JsonValueKind.Null, swvSees.GetProperty("parentsView").ValueKind);
        await ReadAsync(await AsTheSwv.PostAsJsonAsync($"/api/funding/tlvs/{id}/experts", new { organisationId = Jgz, profession = "pedagoog" }, Ct), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task The_decision_term_passing_is_raised_once_across_a_restart_and_a_granted_TLV_ends_by_terugplaatsing_or_expiry_RULES_4()
    {
        var watcher = Funding.Services.GetRequiredService<TlvDeadlineWatcher>();
        var (late, _, _) = await CaseWithConsentAsync();
        var lateId = await RequestedAsync(late);
        Clock.Advance(TimeSpan.FromDays(42));
        await watcher.RunOnceAsync(Ct);
        Assert.DoesNotContain("TlvDecisionOverdue", await EventsAsync());
        Clock.Advance(TimeSpan.FromDays(1));
        await watcher.RunOnceAsync(Ct);
        await watcher.RunOnceAsync(Ct);
        Assert.Single(await EventsAsync(), e => e == "TlvDecisionOverdue");
        Assert.Equal("requested", (await GetTlvAsync(AsTheSwv, lateId)).GetProperty("status").GetString());
        // Across a restart: the raised mark is in the database, a new instance raises nothing twice.
        await RestartAsync();
        watcher = Funding.Services.GetRequiredService<TlvDeadlineWatcher>();
        await watcher.RunOnceAsync(Ct);
        Assert.Single(await EventsAsync(), e => e == "TlvDecisionOverdue");

        // Two granted TLVs: one ends with the child's return to regular education, the other when its validity runs out.
        async Task<(Guid Id, string Child)> GrantedAsync()
        {
            var (caseId, child, _) = await CaseWithConsentAsync();
            var id = await RequestedAsync(caseId);
            await InviteBothAsync(id);
            await ReadAsync(await AdviseAsync(AsHorizon, id, "Drs. B. Peters", "orthopedagoog", DemoExperts.Peters), HttpStatusCode.Created);
            await ReadAsync(await AdviseAsync(AsJgz, id, "Dr. E. Maas", "arts", DemoExperts.Maas), HttpStatusCode.Created);
            await ReadAsync(await AsTheSwv.PostAsJsonAsync($"/api/funding/tlvs/{id}/decision", new
            {
                outcome = "granted", kind = "sbo", validFrom = DutchTime.Today(Clock).ToString("yyyy-MM-dd"), validUntil = DutchTime.Today(Clock).AddMonths(6).ToString("yyyy-MM-dd"),
                parentsView = "Agreed.", reasons = "Both advices.",
            }, Ct), HttpStatusCode.OK);
            return (id, child);
        }
        var (back, backChild) = await GrantedAsync();
        var (expiring, _) = await GrantedAsync();
        await PublishAndWaitAsync(new HandoverCompleted(Guid.NewGuid(), backChild, "sbo-to-primary", "school-sbo-het-kompas", DeLinde, Clock.GetUtcNow(),
            OnTime: true, Terugplaatsing: true, EndsTlvId: back), db => db.Tlvs.AnyAsync(t => t.Id == back && t.Status == TlvStatus.Ended));
        Assert.Equal("terugplaatsing", (await GetTlvAsync(AsTheSwv, back)).GetProperty("endReason").GetString());

        Clock.Advance(TimeSpan.FromDays(190));
        await watcher.RunOnceAsync(Ct);
        var expired = await GetTlvAsync(AsTheSwv, expiring);
        Assert.Equal(("ended", "expired"), (expired.GetProperty("status").GetString(), expired.GetProperty("endReason").GetString()));
        Assert.Equal(2, (await EventsAsync()).Count(e => e == "TlvEnded"));
    }

    [Fact]
    public async Task An_ended_TLV_goes_3_years_after_its_end_a_pending_one_never_and_the_access_log_records_both_the_erasure_and_the_run()
    {
        var (caseId, child, _) = await CaseWithConsentAsync();
        var withdrawn = await RequestedAsync(caseId);
        await ReadAsync(await AsDeLinde.PostAsync($"/api/funding/tlvs/{withdrawn}/withdrawal", null, Ct), HttpStatusCode.OK);
        var pending = await RequestedAsync(caseId);
        var retention = Funding.Services.GetRequiredService<FundingRetention>();

        Clock.Advance(TimeSpan.FromDays(3 * 365 - 2));
        Assert.Equal(0, await retention.RunOnceAsync(Ct));
        Clock.Advance(TimeSpan.FromDays(4));
        Assert.Equal(1, await retention.RunOnceAsync(Ct));

        await using var scope = Funding.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Platform.Funding.Infrastructure.FundingDbContext>();
        Assert.Equal([pending], await db.Tlvs.Where(t => t.CaseId == caseId).Select(t => t.Id).ToListAsync(Ct));
        var lines = await AuditLines.InOutboxAsync(db, Ct);
        var erased = Assert.Single(lines, l => l is { Action: "erase", RecordType: "tlv" });
        Assert.Equal((withdrawn.ToString(), child, "retention"), (erased.RecordId, erased.ChildReference, erased.Purpose));
        Assert.Equal(["0", "1"], lines.Where(l => l.RecordType == "retention-run").Select(l => l.RecordId));
    }

    [Fact]
    public async Task When_Intake_erases_a_case_its_copy_and_consents_here_go_too()
    {
        var (caseId, child, consentId) = await CaseWithConsentAsync();
        await PublishAndWaitAsync(new CaseErased(caseId, child, Clock.GetUtcNow()),
            async db => !await db.Set<CaseCopy>().AnyAsync(c => c.CaseId == caseId) && !await db.Set<ConsentCopy>().AnyAsync(c => c.ConsentId == consentId));
        // Without the copies, the case is unknown here: no new TLV for it.
        await ReadAsync(await AsDeLinde.PostAsJsonAsync("/api/funding/tlvs", Request(caseId), Ct), HttpStatusCode.UnprocessableEntity);
    }
}
