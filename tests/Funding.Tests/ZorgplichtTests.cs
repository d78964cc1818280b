using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.ConsentReplica;
using Platform.Contracts.Intake;
using Platform.Funding.Domain;
using Platform.Funding.Infrastructure;
using Platform.Funding.Jobs;
using Platform.TestInfrastructure;
using Platform.SharedKernel;

namespace Platform.Funding.Tests;

/// <summary>
/// Zorgplicht (RULES.md §4): the school registers the parents' written application; its board decides within 6 weeks, extendable
/// once by 4 weeks with a notice to the parents; the outcome is the own school, another regular school that accepted, or SBO/SO/VSO
/// with a TLV; after 10 weeks without a decision the child is placed temporarily. Durable clocks on the fake clock.
/// </summary>
public sealed class ZorgplichtTests(TestServersFixture fixture) : FundingTestBase(fixture)
{
    private const string DeLinde = "school-bs-de-linde", TheSwv = "swv-po-maastricht-heuvelland", HetKompas = "school-sbo-het-kompas";
    private const string HetPalet = "school-bs-het-palet";
    private const string Path = "/api/funding/zorgplicht-applications";

    private HttpClient AsDeLinde => As(DeLinde, "school", GemeenteCode);
    private HttpClient AsTheSwv => As(TheSwv, "swv");
    /// <summary>The leerplicht officers of Maastricht (GM0935), the child's home municipality.</summary>
    private HttpClient AsLeerplicht => As("gemeente-maastricht", "municipality", GemeenteCode);
    private HttpClient AsOtherLeerplicht => As("gemeente-heerlen", "municipality", "GM0917");
    private HttpClient AsHetPalet => As(HetPalet, "school", "GM0917");
    /// <summary>Another school of the same SWV.</summary>
    private HttpClient AsHetKompas => As(HetKompas, "school", GemeenteCode);

    private string Today => DutchTime.Today(Clock).ToString("yyyy-MM-dd");
    private ZorgplichtDeadlineWatcher Watcher => Funding.Services.GetRequiredService<ZorgplichtDeadlineWatcher>();

    private async Task<(Guid CaseId, string Child)> CaseWithConsentAsync(string[]? organisations = null)
    {
        var caseId = Guid.NewGuid();
        var child = $"cr1-{Guid.NewGuid():N}";
        await PublishAndWaitAsync(new CaseOpened(caseId, child, GemeenteCode, "gemeente-maastricht", Clock.GetUtcNow(), new DateOnly(2026, 12, 9), Clock.GetUtcNow(), DeLinde),
            db => db.Set<CaseCopy>().AnyAsync(c => c.CaseId == caseId));
        var consent = new ConsentGranted(Guid.NewGuid(), caseId, child, organisations ?? [DeLinde, TheSwv, "gemeente-maastricht", "jeugdhulp-horizon", "jgz-zuid-limburg"],
            "Ondersteuning en aanmelding", ["parents"], null, Clock.GetUtcNow(), ["support", "tlv"]);
        await PublishAndWaitAsync(consent, db => db.Set<ConsentCopy>().AnyAsync(c => c.ConsentId == consent.ConsentId));
        return (caseId, child);
    }

    private Task<HttpResponseMessage> RegisterAsync(HttpClient who, Guid caseId, string? receivedOn = null, bool compulsory = true, bool placeElsewhere = false,
        Guid? thuiszitterCaseId = null, string location = "27DL00") =>
        who.PostAsJsonAsync(Path, new
        {
            caseId, schoolLocationId = location, receivedOn = receivedOn ?? Today, compulsorySchoolAge = compulsory, hasPlaceElsewhere = placeElsewhere, thuiszitterCaseId,
        }, Ct);

    private async Task<(Guid Id, string Child, Guid CaseId)> RegisteredAsync(bool compulsory = true, bool placeElsewhere = false)
    {
        var (caseId, child) = await CaseWithConsentAsync();
        var created = await ReadAsync(await RegisterAsync(AsDeLinde, caseId, compulsory: compulsory, placeElsewhere: placeElsewhere), HttpStatusCode.Created);
        return (created.GetProperty("id").GetGuid(), child, caseId);
    }

    private Task<HttpResponseMessage> StepAsync(HttpClient who, Guid id, string step, object? body = null) =>
        body is null ? who.PostAsync($"{Path}/{id}/{step}", null, Ct) : who.PostAsJsonAsync($"{Path}/{id}/{step}", body, Ct);

    private async Task<JsonElement> ReadAppAsync(HttpClient who, Guid id) => await ReadAsync(await who.GetAsync($"{Path}/{id}", Ct), HttpStatusCode.OK);

    private void ToDay(DateOnly day) => Clock.Advance(TimeSpan.FromDays(day.DayNumber - DutchTime.Today(Clock).DayNumber));

    [Fact]
    public async Task RULES_4_the_school_registers_the_application_linked_to_its_referral_and_thuiszitter_case_and_the_board_decides_within_6_weeks()
    {
        var (caseId, child) = await CaseWithConsentAsync();
        var thuiszitter = Guid.NewGuid();
        // Only a school registers (the parents apply in writing to a school: RULES.md §4).
        await ReadAsync(await RegisterAsync(AsTheSwv, caseId), HttpStatusCode.Forbidden);
        await ReadAsync(await RegisterAsync(AsLeerplicht, caseId), HttpStatusCode.Forbidden);
        // Not another school's location; not in the future.
        await ReadAsync(await RegisterAsync(AsDeLinde, caseId, location: "19HP00"), HttpStatusCode.UnprocessableEntity);
        var future = await ReadAsync(await RegisterAsync(AsDeLinde, caseId, receivedOn: DutchTime.Today(Clock).AddDays(1).ToString("yyyy-MM-dd")), HttpStatusCode.UnprocessableEntity);
        Assert.True(future.GetProperty("errors").TryGetProperty("receivedOn", out _));
        var bad = await ReadAsync(await AsDeLinde.PostAsJsonAsync(Path, new { caseId }, Ct), HttpStatusCode.BadRequest);
        foreach (var field in new[] { "schoolLocationId", "receivedOn", "compulsorySchoolAge", "hasPlaceElsewhere" })
            Assert.True(bad.GetProperty("errors").TryGetProperty(field, out _), field);

        // Received 10 days ago: the 6 weeks count from the written application.
        var receivedOn = DutchTime.Today(Clock).AddDays(-10);
        var created = await ReadAsync(await RegisterAsync(AsDeLinde, caseId, receivedOn: receivedOn.ToString("yyyy-MM-dd"), thuiszitterCaseId: thuiszitter), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal((caseId, thuiszitter, "open", receivedOn.AddDays(42).ToString("yyyy-MM-dd"), receivedOn.AddDays(71).ToString("yyyy-MM-dd"), "po", "GM0935", TheSwv),
            (created.GetProperty("caseId").GetGuid(), created.GetProperty("thuiszitterCaseId").GetGuid(), created.GetProperty("status").GetString(),
             created.GetProperty("decisionDueOn").GetString(), created.GetProperty("temporaryPlacementOn").GetString(), created.GetProperty("schoolType").GetString(),
             created.GetProperty("schoolMunicipality").GetString(), created.GetProperty("swvId").GetString()));
        // One open application per child at a school.
        await ReadAsync(await RegisterAsync(AsDeLinde, caseId), HttpStatusCode.Conflict);

        var decided = await ReadAsync(await StepAsync(AsDeLinde, id, "decision", new { outcome = "own-school" }), HttpStatusCode.OK);
        var decision = decided.GetProperty("decision");
        Assert.Equal(("decided", "own-school", "27DL00", "on-time"), (decided.GetProperty("status").GetString(), decision.GetProperty("outcome").GetString(),
            decision.GetProperty("placementLocationId").GetString(), decision.GetProperty("timeliness").GetString()));

        // RULES.md §4: the outcome is fixed once decided; nothing moves after it.
        var again = await ReadAsync(await StepAsync(AsDeLinde, id, "decision", new { outcome = "own-school", placementLocationId = "27DL01" }), HttpStatusCode.Conflict);
        Assert.Contains("RULES.md §4", again.GetProperty("detail").GetString());
        var extendAfter = await ReadAsync(await StepAsync(AsDeLinde, id, "extension", new { parentsNotifiedOn = Today }), HttpStatusCode.Conflict);
        Assert.Contains("RULES.md §4", extendAfter.GetProperty("detail").GetString());
        Assert.Equal("27DL00", (await ReadAppAsync(AsTheSwv, id)).GetProperty("decision").GetProperty("placementLocationId").GetString());

        var events = await EventsAsync();
        Assert.Equal(["ZorgplichtApplicationRegistered", "ZorgplichtDecided"], events.Where(e => e.StartsWith("Zorgplicht")));
        var registered = await OutboxPayloadAsync("ZorgplichtApplicationRegistered");
        Assert.Equal((caseId.ToString(), thuiszitter.ToString(), child), (registered.GetProperty("caseId").GetString(), registered.GetProperty("thuiszitterCaseId").GetString(),
            registered.GetProperty("childReference").GetString()));
        var decidedEvent = await OutboxPayloadAsync("ZorgplichtDecided");
        Assert.Equal(("on-time", "po", "GM0935", false), (decidedEvent.GetProperty("timeliness").GetString(), decidedEvent.GetProperty("schoolType").GetString(),
            decidedEvent.GetProperty("schoolMunicipality").GetString(), decidedEvent.GetProperty("temporarilyPlaced").GetBoolean()));
    }

    [Fact]
    public async Task Registrations_racing_for_the_same_child_and_school_leave_one_open_application_and_a_409_never_a_500()
    {
        var (caseId, _) = await CaseWithConsentAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RegisterAsync(AsDeLinde, caseId)));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Single(await InDbAsync(db => db.ZorgplichtApplications.ToListAsync(Ct)));
        Assert.Single(await EventsAsync(), e => e == "ZorgplichtApplicationRegistered");
    }

    [Fact]
    public async Task RULES_4_a_case_the_school_is_not_named_in_answers_as_an_unknown_case()
    {
        var (caseId, _) = await CaseWithConsentAsync(organisations: [TheSwv, "gemeente-maastricht"]);
        var notNamed = await ReadAsync(await RegisterAsync(AsDeLinde, caseId), HttpStatusCode.UnprocessableEntity);
        var unknown = await ReadAsync(await RegisterAsync(AsDeLinde, Guid.NewGuid()), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(notNamed.GetProperty("detail").GetString(), unknown.GetProperty("detail").GetString());
        Assert.True(notNamed.GetProperty("errors").TryGetProperty("caseId", out _));
        Assert.Empty(await InDbAsync(db => db.ZorgplichtApplications.ToListAsync(Ct)));
    }

    [Fact]
    public async Task RULES_4_the_term_is_extended_once_by_4_weeks_with_the_parents_notice_a_second_extension_or_one_after_6_weeks_is_refused()
    {
        var (id, _, _) = await RegisteredAsync();
        var (late, _, _) = await RegisteredAsync();
        var receivedOn = DutchTime.Today(Clock);
        var missing = await ReadAsync(await StepAsync(AsDeLinde, id, "extension", new { }), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("parentsNotifiedOn", out _));
        // Only the board extends: the SWV and the leerplicht officer read, another school of the same SWV does not even see it.
        await ReadAsync(await StepAsync(AsTheSwv, id, "extension", new { parentsNotifiedOn = Today }), HttpStatusCode.Forbidden);
        await ReadAsync(await StepAsync(AsLeerplicht, id, "extension", new { parentsNotifiedOn = Today }), HttpStatusCode.Forbidden);
        await ReadAsync(await StepAsync(AsHetKompas, id, "extension", new { parentsNotifiedOn = Today }), HttpStatusCode.NotFound);

        ToDay(receivedOn.AddDays(42)); // the last day of the 6 weeks: still in time to extend
        var extended = await ReadAsync(await StepAsync(AsDeLinde, id, "extension", new { parentsNotifiedOn = Today }), HttpStatusCode.OK);
        Assert.Equal((receivedOn.AddDays(70).ToString("yyyy-MM-dd"), Today), (extended.GetProperty("decisionDueOn").GetString(),
            extended.GetProperty("extension").GetProperty("parentsNotifiedOn").GetString()));
        var second = await ReadAsync(await StepAsync(AsDeLinde, id, "extension", new { parentsNotifiedOn = Today }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("RULES.md §4", second.GetProperty("detail").GetString());
        Assert.True(second.GetProperty("errors").TryGetProperty("extension", out _));

        // The second application: the 6 weeks passed without an extension; extending now breaks the rule.
        ToDay(receivedOn.AddDays(43));
        var tooLate = await ReadAsync(await StepAsync(AsDeLinde, late, "extension", new { parentsNotifiedOn = Today }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("RULES.md §4", tooLate.GetProperty("detail").GetString());
        Assert.Equal(JsonValueKind.Null, (await ReadAppAsync(AsDeLinde, late)).GetProperty("extension").ValueKind);

        // Decided within the extended term: counted as extended.
        var decided = await ReadAsync(await StepAsync(AsDeLinde, id, "decision", new { outcome = "own-school" }), HttpStatusCode.OK);
        Assert.Equal("extended", decided.GetProperty("decision").GetProperty("timeliness").GetString());
        Assert.Single(await EventsAsync(), e => e == "ZorgplichtTermExtended");
    }

    [Fact]
    public async Task RULES_4_term_due_exceeded_and_the_temporary_placement_after_10_weeks_fire_once_on_the_durable_clock_across_a_restart_and_the_leerplicht_officer_sees_the_child_without_a_place()
    {
        var (id, child, _) = await RegisteredAsync(compulsory: true, placeElsewhere: false);
        var (withPlace, _, _) = await RegisteredAsync(compulsory: true, placeElsewhere: true);
        var receivedOn = DutchTime.Today(Clock);

        ToDay(receivedOn.AddDays(41));
        await Watcher.RunOnceAsync(Ct);
        Assert.DoesNotContain(await EventsAsync(), e => e.StartsWith("ZorgplichtDecisionDue"));
        ToDay(receivedOn.AddDays(42)); // the last day: the term is due
        await Watcher.RunOnceAsync(Ct);
        await Watcher.RunOnceAsync(Ct);
        Assert.Equal(2, (await EventsAsync()).Count(e => e == "ZorgplichtDecisionDue"));
        Assert.DoesNotContain("ZorgplichtTermExceeded", await EventsAsync());

        ToDay(receivedOn.AddDays(43)); // the term passed
        await Watcher.RunOnceAsync(Ct);
        Assert.Equal(2, (await EventsAsync()).Count(e => e == "ZorgplichtTermExceeded"));
        var exceeded = await OutboxPayloadsAsync("ZorgplichtTermExceeded");
        Assert.Equal([false, true], exceeded.Select(e => e.GetProperty("withoutPlace").GetBoolean()).Order());

        // The leerplicht officer of the child's municipality sees the child without a place; another municipality sees nothing.
        var officers = await ListPages.FirstAsync(AsLeerplicht, $"{Path}?leerplichtAttention=true", Ct);
        Assert.Equal([id], officers.Select(a => a.GetProperty("id").GetGuid()));
        Assert.Equal(child, officers[0].GetProperty("childReference").GetString());
        Assert.Empty(await ListPages.FirstAsync(AsOtherLeerplicht, Path, Ct));
        await ReadAsync(await AsOtherLeerplicht.GetAsync($"{Path}/{id}", Ct), HttpStatusCode.NotFound);
        Assert.True((await ReadAppAsync(AsTheSwv, withPlace)).GetProperty("termExceeded").GetBoolean());

        // A restart: the dates are in the database; the new instance fires nothing twice.
        await RestartAsync();
        await Watcher.RunOnceAsync(Ct);
        Assert.Equal(2, (await EventsAsync()).Count(e => e == "ZorgplichtTermExceeded"));
        Assert.Equal(2, (await EventsAsync()).Count(e => e == "ZorgplichtDecisionDue"));

        ToDay(receivedOn.AddDays(70));
        await Watcher.RunOnceAsync(Ct);
        Assert.DoesNotContain("ZorgplichtTemporarilyPlaced", await EventsAsync());
        ToDay(receivedOn.AddDays(71)); // after 10 weeks without a decision: placed temporarily (RULES.md §4)
        await Watcher.RunOnceAsync(Ct);
        await Watcher.RunOnceAsync(Ct);
        Assert.Equal(2, (await EventsAsync()).Count(e => e == "ZorgplichtTemporarilyPlaced"));
        var placed = await ReadAppAsync(AsLeerplicht, id);
        Assert.Equal((Today, false), (placed.GetProperty("temporarilyPlacedOn").GetString(), placed.GetProperty("leerplichtAttention").GetBoolean()));
        Assert.Empty(await ListPages.FirstAsync(AsLeerplicht, $"{Path}?leerplichtAttention=true", Ct));

        // A late decision is still a decision: accepted, flagged exceeded.
        var decided = await ReadAsync(await StepAsync(AsDeLinde, id, "decision", new { outcome = "own-school" }), HttpStatusCode.OK);
        Assert.Equal("exceeded", decided.GetProperty("decision").GetProperty("timeliness").GetString());
        var decidedEvent = await OutboxPayloadAsync("ZorgplichtDecided");
        Assert.Equal(("exceeded", true), (decidedEvent.GetProperty("timeliness").GetString(), decidedEvent.GetProperty("temporarilyPlaced").GetBoolean()));
        await Watcher.RunOnceAsync(Ct);
        Assert.Equal(2, (await EventsAsync()).Count(e => e == "ZorgplichtTemporarilyPlaced"));
    }

    [Fact]
    public async Task RULES_4_an_extended_term_is_due_and_exceeded_on_its_own_last_day()
    {
        var (id, _, _) = await RegisteredAsync();
        var receivedOn = DutchTime.Today(Clock);
        ToDay(receivedOn.AddDays(42));
        await Watcher.RunOnceAsync(Ct);
        await ReadAsync(await StepAsync(AsDeLinde, id, "extension", new { parentsNotifiedOn = Today }), HttpStatusCode.OK);
        ToDay(receivedOn.AddDays(43));
        await Watcher.RunOnceAsync(Ct);
        Assert.DoesNotContain("ZorgplichtTermExceeded", await EventsAsync());
        ToDay(receivedOn.AddDays(70));
        await Watcher.RunOnceAsync(Ct);
        var dues = await OutboxPayloadsAsync("ZorgplichtDecisionDue");
        Assert.Equal([false, true], dues.Select(d => d.GetProperty("extended").GetBoolean()));
        ToDay(receivedOn.AddDays(71));
        await Watcher.RunOnceAsync(Ct);
        var exceeded = Assert.Single(await OutboxPayloadsAsync("ZorgplichtTermExceeded"));
        Assert.True(exceeded.GetProperty("extended").GetBoolean());
        Assert.Single(await EventsAsync(), e => e == "ZorgplichtTemporarilyPlaced");
    }

    [Fact]
    public async Task RULES_4_special_education_only_with_a_granted_TLV_of_this_child_and_another_regular_school_only_once_it_accepted()
    {
        var (id, child, caseId) = await RegisteredAsync();
        Task<HttpResponseMessage> Decide(object body) => StepAsync(AsDeLinde, id, "decision", body);

        var noTlv = await ReadAsync(await Decide(new { outcome = "special-education", placementLocationId = "27HK00" }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("RULES.md §4", noTlv.GetProperty("detail").GetString());
        Assert.True(noTlv.GetProperty("errors").TryGetProperty("tlvId", out _));
        // Another child's granted TLV is no TLV for this one; a TLV still requested neither.
        var (_, otherChild, _) = await RegisteredAsync();
        var othersTlv = await GrantedTlvAsync(otherChild, caseId, "sbo");
        await ReadAsync(await Decide(new { outcome = "special-education", tlvId = othersTlv }), HttpStatusCode.UnprocessableEntity);
        var requested = await TlvAsync(child, caseId, "sbo", grant: false);
        await ReadAsync(await Decide(new { outcome = "special-education", tlvId = requested }), HttpStatusCode.UnprocessableEntity);
        await InDbAsync(async db => { (await db.Tlvs.SingleAsync(t => t.Id == requested, Ct)).Withdraw(Clock.GetUtcNow()); return await db.SaveChangesAsync(Ct); });
        var tlv = await GrantedTlvAsync(child, caseId, "sbo");
        // The TLV admits to SBO: not to a VSO location.
        await ReadAsync(await Decide(new { outcome = "special-education", tlvId = tlv, placementLocationId = "19DB00" }), HttpStatusCode.UnprocessableEntity);
        // Own school is not special education.
        await ReadAsync(await Decide(new { outcome = "own-school", placementLocationId = "27HK00" }), HttpStatusCode.UnprocessableEntity);

        // Another regular school: not before it accepted; not an SBO; the asked school sees it and accepts, nobody else.
        var notAccepted = await ReadAsync(await Decide(new { outcome = "other-school", placementLocationId = "19HP00" }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("RULES.md §4", notAccepted.GetProperty("detail").GetString());
        await ReadAsync(await StepAsync(AsDeLinde, id, "other-school", new { locationId = "27HK00" }), HttpStatusCode.UnprocessableEntity);
        await ReadAsync(await StepAsync(AsDeLinde, id, "other-school", new { locationId = "27DL01" }), HttpStatusCode.UnprocessableEntity);
        await ReadAsync(await AsHetPalet.GetAsync($"{Path}/{id}", Ct), HttpStatusCode.NotFound);
        await ReadAsync(await StepAsync(AsDeLinde, id, "other-school", new { locationId = "19HP00" }), HttpStatusCode.OK);
        Assert.Equal("19HP00", (await ReadAppAsync(AsHetPalet, id)).GetProperty("otherSchool").GetProperty("locationId").GetString());
        await ReadAsync(await StepAsync(AsDeLinde, id, "other-school/acceptance"), HttpStatusCode.Forbidden);
        await ReadAsync(await StepAsync(AsHetKompas, id, "other-school/acceptance"), HttpStatusCode.NotFound);
        await ReadAsync(await StepAsync(AsTheSwv, id, "other-school/acceptance"), HttpStatusCode.Forbidden);
        // The asked school may not decide for the board.
        await ReadAsync(await StepAsync(AsHetPalet, id, "decision", new { outcome = "other-school" }), HttpStatusCode.Forbidden);
        var accepted = await ReadAsync(await StepAsync(AsHetPalet, id, "other-school/acceptance"), HttpStatusCode.OK);
        Assert.NotEqual(JsonValueKind.Null, accepted.GetProperty("otherSchool").GetProperty("acceptedAt").ValueKind);

        // With the TLV the board could place in SBO; it decides on the school that accepted.
        var decided = await ReadAsync(await Decide(new { outcome = "other-school" }), HttpStatusCode.OK);
        Assert.Equal(("other-school", "19HP00", "po"), (decided.GetProperty("decision").GetProperty("outcome").GetString(),
            decided.GetProperty("decision").GetProperty("placementLocationId").GetString(), decided.GetProperty("decision").GetProperty("placementType").GetString()));

        // A second child: SBO with its granted TLV, at the TLV's receiving location by default.
        var (second, secondChild, secondCase) = await RegisteredAsync();
        var secondTlv = await GrantedTlvAsync(secondChild, secondCase, "sbo");
        var special = await ReadAsync(await StepAsync(AsDeLinde, second, "decision", new { outcome = "special-education", tlvId = secondTlv }), HttpStatusCode.OK);
        Assert.Equal(("27HK00", "sbo", secondTlv), (special.GetProperty("decision").GetProperty("placementLocationId").GetString(),
            special.GetProperty("decision").GetProperty("placementType").GetString(), special.GetProperty("decision").GetProperty("tlvId").GetGuid()));
    }

    /// <summary>
    /// Issue #24 point 2, "a placement's actual start starts the clock": a child placed under zorgplicht has a support need (RULES.md §4),
    /// so the decision opens the OPP of the placement location's school (RULES.md §4: mandatory for pupils with extra support and every
    /// pupil of SBO, PrO, SO/VSO), its 6 weeks from the day the child starts there, in the decision's transaction.
    /// </summary>
    [Fact]
    public async Task RULES_4_a_zorgplicht_decision_opens_the_OPP_of_the_placement_locations_school_from_the_childs_start()
    {
        const string Opps = "/api/funding/opps";
        async Task<JsonElement> OppAsync(HttpClient who, Guid id) => await ReadAsync(await who.GetAsync($"{Opps}/{id}", Ct), HttpStatusCode.OK);
        static (string?, string?, string?, string?, string?) Shape(JsonElement o) => (o.GetProperty("schoolOrganisationId").GetString(),
            o.GetProperty("schoolLocationId").GetString(), o.GetProperty("requiredBecause").GetString(), o.GetProperty("enrolledOn").GetString(),
            o.GetProperty("setDueOn").GetString());

        // Own school, the child starting next week: De Linde's OPP for the extra support, the 6 weeks from the start.
        var (own, _, _) = await RegisteredAsync();
        var receivedOn = DutchTime.Today(Clock);
        ToDay(receivedOn.AddDays(5));
        var early = await ReadAsync(await StepAsync(AsDeLinde, own, "decision", new { outcome = "own-school", startsOn = receivedOn.AddDays(-1).ToString("yyyy-MM-dd") }),
            HttpStatusCode.UnprocessableEntity);
        Assert.True(early.GetProperty("errors").TryGetProperty("startsOn", out _));
        // Nothing half-written: still open, no OPP.
        Assert.Equal("open", (await ReadAppAsync(AsDeLinde, own)).GetProperty("status").GetString());
        Assert.DoesNotContain("OppRequired", await EventsAsync());
        var startsOn = DutchTime.Today(Clock).AddDays(7);
        var decided = (await ReadAsync(await StepAsync(AsDeLinde, own, "decision", new { outcome = "own-school", startsOn = startsOn.ToString("yyyy-MM-dd") }),
            HttpStatusCode.OK)).GetProperty("decision");
        Assert.Equal(startsOn.ToString("yyyy-MM-dd"), decided.GetProperty("startsOn").GetString());
        var ownOpp = await OppAsync(AsDeLinde, decided.GetProperty("oppId").GetGuid());
        Assert.Equal((DeLinde, "27DL00", "extra-support", startsOn.ToString("yyyy-MM-dd"), startsOn.AddDays(42).ToString("yyyy-MM-dd")), Shape(ownOpp));
        Assert.Equal("due", ownOpp.GetProperty("status").GetString());

        // Another regular school that accepted: the OPP is the accepting school's (Het Palet), from the decision day by default.
        var (other, _, _) = await RegisteredAsync();
        await ReadAsync(await StepAsync(AsDeLinde, other, "other-school", new { locationId = "19HP00" }), HttpStatusCode.OK);
        await ReadAsync(await StepAsync(AsHetPalet, other, "other-school/acceptance"), HttpStatusCode.OK);
        var otherDecision = (await ReadAsync(await StepAsync(AsDeLinde, other, "decision", new { outcome = "other-school" }), HttpStatusCode.OK)).GetProperty("decision");
        var otherOppId = otherDecision.GetProperty("oppId").GetGuid();
        Assert.Equal((HetPalet, "19HP00", "extra-support", Today, DutchTime.Today(Clock).AddDays(42).ToString("yyyy-MM-dd")), Shape(await OppAsync(AsHetPalet, otherOppId)));
        Assert.Equal("swv-po-parkstad", (await OppAsync(As("swv-po-parkstad", "swv"), otherOppId)).GetProperty("swvId").GetString());
        // The deciding school does not hold it, nor does its SWV follow it.
        await ReadAsync(await AsDeLinde.GetAsync($"{Opps}/{otherOppId}", Ct), HttpStatusCode.NotFound);
        await ReadAsync(await AsTheSwv.GetAsync($"{Opps}/{otherOppId}", Ct), HttpStatusCode.NotFound);

        // SBO with a granted TLV: Het Kompas's OPP, for the school type.
        var (sbo, sboChild, sboCase) = await RegisteredAsync();
        var tlv = await GrantedTlvAsync(sboChild, sboCase, "sbo");
        var sboDecision = (await ReadAsync(await StepAsync(AsDeLinde, sbo, "decision", new { outcome = "special-education", tlvId = tlv }), HttpStatusCode.OK)).GetProperty("decision");
        Assert.Equal((HetKompas, "27HK00", "school-type", Today, DutchTime.Today(Clock).AddDays(42).ToString("yyyy-MM-dd")),
            Shape(await OppAsync(AsHetKompas, sboDecision.GetProperty("oppId").GetGuid())));

        // The child has an OPP at the location already: no second one; the decision names it.
        var (has, _, hasCase) = await RegisteredAsync();
        var existing = (await ReadAsync(await AsDeLinde.PostAsJsonAsync(Opps, new { caseId = hasCase, schoolLocationId = "27DL00", enrolledOn = Today, extraSupport = true }, Ct),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var hasDecision = (await ReadAsync(await StepAsync(AsDeLinde, has, "decision", new { outcome = "own-school" }), HttpStatusCode.OK)).GetProperty("decision");
        Assert.Equal(existing, hasDecision.GetProperty("oppId").GetGuid());

        // One OppRequired per OPP, each committed with its decision (the outbox); the one recorded by hand among them.
        var required = await OutboxPayloadsAsync("OppRequired");
        Assert.Equal(["27DL00", "19HP00", "27HK00", "27DL00"], required.Select(r => r.GetProperty("schoolLocationId").GetString()!));
        Assert.Equal(startsOn.ToString("yyyy-MM-dd"), required[0].GetProperty("enrolledOn").GetString());
    }

    /// <summary>Every action × every organisation role, including those involved otherwise (policy table in docs/security.md): before the body.</summary>
    [Fact]
    public async Task Each_zorgplicht_action_answers_each_role_by_the_policy_table()
    {
        var (id, _, _) = await RegisteredAsync();
        await ReadAsync(await StepAsync(AsDeLinde, id, "other-school", new { locationId = "19HP00" }), HttpStatusCode.OK);
        var roles = new (string Name, HttpClient Client, HttpStatusCode Read, HttpStatusCode Board, HttpStatusCode Accept)[]
        {
            ("the school applied to", AsDeLinde, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden),
            ("the school asked to take the child", AsHetPalet, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.OK),
            ("the school's SWV", AsTheSwv, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
            ("leerplicht, child's municipality", AsLeerplicht, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
            ("another school of the same SWV", AsHetKompas, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound),
            ("another SWV", As("swv-po-parkstad", "swv"), HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound),
            ("another municipality", AsOtherLeerplicht, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound),
            ("a municipality token without a municipality", As("gemeente-maastricht", "municipality", municipality: null), HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound),
            ("an expert (jgz)", As("jgz-zuid-limburg", "jgz"), HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound),
            ("the escalation table", AsTable, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound),
        };
        var failures = new List<string>();
        foreach (var (name, client, read, board, accept) in roles)
        {
            void Expect(string what, HttpStatusCode expected, HttpResponseMessage response)
            {
                if (response.StatusCode != expected) failures.Add($"{name}, {what}: {(int)response.StatusCode}, expected {(int)expected}");
            }
            Expect("GET", read, await client.GetAsync($"{Path}/{id}", Ct));
            foreach (var step in new[] { "extension", "other-school", "decision" })
                Expect(step, board, await StepAsync(client, id, step, new { }));
            // The acceptance has no body; only the school asked by an accepting board moves (run last: it changes the record).
            if (accept != HttpStatusCode.OK) Expect("acceptance", accept, await StepAsync(client, id, "other-school/acceptance"));
            var listed = (await ListPages.FirstAsync(client, Path, Ct)).Any(a => a.GetProperty("id").GetGuid() == id);
            if (listed != (read == HttpStatusCode.OK)) failures.Add($"{name}: listed {listed}");
            // Registering: only a school (an unknown case is then 422); every other type 403 before the body is looked at.
            var isSchool = name is "the school applied to" or "the school asked to take the child" or "another school of the same SWV";
            Expect("register", isSchool ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.Forbidden, await RegisterAsync(client, Guid.NewGuid()));
        }
        var acceptance = await StepAsync(AsHetPalet, id, "other-school/acceptance");
        if (acceptance.StatusCode != HttpStatusCode.OK) failures.Add($"the asked school accepts: {(int)acceptance.StatusCode}");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        // Nothing moved but the acceptance.
        var now = await ReadAppAsync(AsDeLinde, id);
        Assert.Equal(("open", JsonValueKind.Null), (now.GetProperty("status").GetString(), now.GetProperty("extension").ValueKind));
    }

    private async Task<Guid> GrantedTlvAsync(string child, Guid caseId, string kind) => await TlvAsync(child, caseId, kind, grant: true);

    /// <summary>A TLV for the child, made in the domain (the TLV's own steps are tested in TlvTests): requested, or granted with both advices.</summary>
    private async Task<Guid> TlvAsync(string child, Guid caseId, string kind, bool grant) => await InDbAsync(async db =>
    {
        var now = Clock.GetUtcNow();
        var tlv = Tlv.Request(caseId, child, GemeenteCode, DeLinde, "27DL00", TheSwv, kind, "27HK00", "Support needed.", "Agree.", 42, now);
        if (grant)
        {
            tlv.Invite("jeugdhulp-horizon", "orthopedagoog", now);
            tlv.Invite("jgz-zuid-limburg", "arts", now);
            tlv.Advise("jeugdhulp-horizon", "Drs. B. Peters", "orthopedagoog", "favourable", "Small group.", DutchTime.DateOf(now), now, DemoExperts.Of(DemoExperts.Peters), DemoExperts.DeLindeBoard);
            tlv.Advise("jgz-zuid-limburg", "Dr. E. Maas", "arts", "favourable", "No objection.", DutchTime.DateOf(now), now, DemoExperts.Of(DemoExperts.Maas), DemoExperts.DeLindeBoard);
            tlv.Grant(TheSwv, kind, kind == "sbo" ? null : "laag", "27HK00", DutchTime.DateOf(now), DutchTime.DateOf(now).AddYears(1), "Heard.", "Both advices.", now);
        }
        db.Tlvs.Add(tlv);
        await db.SaveChangesAsync(Ct);
        return tlv.Id;
    });

    private async Task<JsonElement> OutboxPayloadAsync(string type) => (await OutboxPayloadsAsync(type)).Last();
}
