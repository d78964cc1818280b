using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Intake.Jobs;
using Platform.Intake.Infrastructure;
using Platform.Messaging.Outbox;
using Platform.TestInfrastructure;

namespace Platform.Intake.Tests.Apis;

/// <summary>
/// The case journey through Intake's API on a real database, with a fake clock for deadlines.
/// The relay is off: the outbox shows exactly which events each step committed.
/// </summary>
public sealed class CaseFlowTests(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly TestTokens _tokens = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)); // a Monday
    private ServiceFactory<Program, IntakeDbContext> _intake = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    public async ValueTask InitializeAsync()
    {
        _intake = await ServiceFactory<Program, IntakeDbContext>.StartAsync(fixture.Servers, new() { Tokens = _tokens, Clock = _clock, Prefix = "cases" });
    }

    public async ValueTask DisposeAsync() => await _intake.DisposeAsync();

    private HttpClient As(string organisation, string type = "school")
    {
        var client = _intake.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.For(organisation, "intake-api", type));
        return client;
    }

    private static string NewBsn()
    {
        // A random 9-digit number that passes the 11-proof, so tests never share a child by accident.
        while (true)
        {
            var digits = Random.Shared.Next(100_000_000, 999_999_999).ToString();
            if (Platform.Privacy.Bsn.TryParse(digits, out _)) return digits;
        }
    }

    /// <summary>Refers a child and reads the referral back, which shows the case id to a referrer that may open the case (#25).</summary>
    private async Task<JsonElement> ReferAsync(string organisation, string bsn, string dateOfBirth = "2015-04-01")
    {
        var id = (await SubmitAsync(organisation, bsn, dateOfBirth)).GetProperty("id").GetGuid();
        return await As(organisation).GetFromJsonAsync<JsonElement>($"/api/intake/referrals/{id}", Ct);
    }

    /// <summary>The answer to the POST itself.</summary>
    private async Task<JsonElement> SubmitAsync(string organisation, string bsn, string dateOfBirth = "2015-04-01")
    {
        var response = await As(organisation).PostAsJsonAsync("/api/intake/referrals", new
        {
            child = new { bsn, givenName = "Sanne", familyName = "Jansen", dateOfBirth, homeMunicipality = "GM0935" },
            supportNeeds = new[] { new { domain = "learning", description = "Reads below age level." } },
            triedSoFar = "Extra support in class.",
            urgency = "soon",
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private object Consent(string[] givenBy, params string[] organisations) => new
    {
        givenBy,
        parentalAuthorityCheckedIn = "gezagsregister",
        organisations,
        purpose = "Support planning around the child",
        givenOn = Today.ToString("yyyy-MM-dd"),
        coordinator = new { organisationId = "gemeente-maastricht", name = "J. de Vries" },
    };

    private async Task<Guid> OpenCaseAsync(string referrer, string bsn, params string[] organisations)
    {
        var caseId = (await ReferAsync(referrer, bsn)).GetProperty("caseId").GetGuid();
        var consent = await As(referrer).PostAsJsonAsync($"/api/intake/cases/{caseId}/consents",
            Consent(["parents"], [referrer, "gemeente-maastricht", .. organisations]), Ct);
        Assert.Equal(HttpStatusCode.Created, consent.StatusCode);
        return caseId;
    }

    private async Task<List<string>> EventsForAsync(Guid caseId)
    {
        await using var scope = _intake.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var rows = await db.Set<OutboxMessage>().AsNoTracking().WithoutAudit().OrderBy(m => m.Sequence).ToListAsync(Ct);
        return [.. rows.Where(r => r.Body.Contains(caseId.ToString())).Select(r => r.MessageType.Split('.').Last())];
    }

    [Fact]
    public async Task A_referral_becomes_an_open_case_with_a_knooppunt_and_an_agreed_plan_that_requests_an_arrangement()
    {
        var school = As("school-bs-de-linde");
        var caseId = (await ReferAsync("school-bs-de-linde", NewBsn())).GetProperty("caseId").GetGuid();

        var referred = await school.GetFromJsonAsync<JsonElement>($"/api/intake/cases/{caseId}", Ct);
        Assert.Equal("referred", referred.GetProperty("summary").GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await school.PostAsync($"/api/intake/cases/{caseId}/consent-request", null, Ct)).StatusCode);
        var consent = await school.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents",
            Consent(["parents"], "school-bs-de-linde", "gemeente-maastricht", "jgz-zuid-limburg"), Ct);
        Assert.Equal(HttpStatusCode.Created, consent.StatusCode);

        var coordinator = As("gemeente-maastricht", "municipality");
        var opened = await coordinator.GetFromJsonAsync<JsonElement>($"/api/intake/cases/{caseId}", Ct);
        Assert.Equal("open", opened.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal("J. de Vries", opened.GetProperty("summary").GetProperty("coordinator").GetProperty("name").GetString());
        // Opened Monday 23 Nov; 10 working days later is Monday 7 Dec.
        Assert.Equal("2026-12-07", opened.GetProperty("summary").GetProperty("knooppuntDueOn").GetString());

        var scheduled = await coordinator.PostAsJsonAsync($"/api/intake/cases/{caseId}/knooppunten", new
        {
            scheduledOn = Today.AddDays(3).ToString("yyyy-MM-dd"),
            participants = new[] { "school-bs-de-linde", "gemeente-maastricht", "jgz-zuid-limburg", "swv-po-maastricht-heuvelland" },
            parentsInvited = true,
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
        var knooppuntId = (await scheduled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        _clock.Advance(TimeSpan.FromDays(3));
        var held = await coordinator.PostAsJsonAsync($"/api/intake/cases/{caseId}/knooppunten/{knooppuntId}/outcome", new
        {
            heldOn = Today.ToString("yyyy-MM-dd"),
            summary = "Reading support at school, youth care for the family.",
            nextStep = new { description = "Start daily reading support", ownerOrganisationId = "school-bs-de-linde", startsOn = Today.AddDays(1).ToString("yyyy-MM-dd") },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);

        var plan = await coordinator.PostAsJsonAsync($"/api/intake/cases/{caseId}/plans", new
        {
            goals = new[] { "Reads at age level by summer" },
            actions = new[] { new { partnerOrganisationId = "school-bs-de-linde", description = "Daily reading support", owner = "Mentor group 6", dueOn = Today.AddDays(60).ToString("yyyy-MM-dd") } },
            reviewOn = Today.AddMonths(3).ToString("yyyy-MM-dd"),
            arrangement = new { kind = "collective", supportDomains = new[] { "learning" }, urgent = false },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, plan.StatusCode);

        var agreed = await coordinator.GetFromJsonAsync<JsonElement>($"/api/intake/cases/{caseId}", Ct);
        Assert.Equal("plan-agreed", agreed.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal(1, agreed.GetProperty("currentPlan").GetProperty("version").GetInt32());

        Assert.Equal(
            ["ConsentGranted", "CaseOpened", "KnooppuntScheduled", "KnooppuntHeld", "PlanAgreed", "ArrangementRequested"],
            await EventsForAsync(caseId));
    }

    [Fact]
    public async Task The_Location_of_a_recorded_consent_and_a_scheduled_knooppunt_answers_those_involved_and_nobody_else()
    {
        // Issue #22: "a Location header points at something a GET answers"; these were 404 for everyone.
        var school = As("school-bs-de-linde");
        var caseId = (await ReferAsync("school-bs-de-linde", NewBsn())).GetProperty("caseId").GetGuid();
        var consent = await school.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents",
            Consent(["parents"], "school-bs-de-linde", "gemeente-maastricht"), Ct);
        Assert.Equal(HttpStatusCode.Created, consent.StatusCode);
        var coordinator = As("gemeente-maastricht", "municipality");
        var knooppunt = await coordinator.PostAsJsonAsync($"/api/intake/cases/{caseId}/knooppunten", new
        {
            scheduledOn = Today.AddDays(3).ToString("yyyy-MM-dd"),
            participants = new[] { "school-bs-de-linde", "gemeente-maastricht" },
            parentsInvited = true,
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, knooppunt.StatusCode);

        foreach (var (created, idProperty) in new[] { (consent, "id"), (knooppunt, "id") })
        {
            var location = created.Headers.Location!;
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty(idProperty).GetGuid();
            foreach (var involved in new[] { school, coordinator })
            {
                var read = await involved.GetAsync(location, Ct);
                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
                Assert.Equal(id, (await read.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
            }
            // A stranger gets the same 404 as for a case that does not exist.
            var stranger = await As("school-elsewhere").GetAsync(location, Ct);
            var unknownCase = await As("school-elsewhere").GetAsync(location.ToString().Replace(caseId.ToString(), Guid.NewGuid().ToString()), Ct);
            Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (stranger.StatusCode, unknownCase.StatusCode));
            Assert.Equal("Case not found.", (await stranger.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString());
        }
        // An unknown part of a case the caller is involved in is 404 too.
        Assert.Equal(HttpStatusCode.NotFound, (await school.GetAsync($"/api/intake/cases/{caseId}/consents/{Guid.NewGuid()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await school.GetAsync($"/api/intake/cases/{caseId}/knooppunten/{Guid.NewGuid()}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Another_organisation_gets_404_on_the_case_and_its_actions_and_does_not_see_it_listed()
    {
        var caseId = await OpenCaseAsync("school-bs-de-linde", NewBsn());
        var stranger = As("school-elsewhere");

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/intake/cases/{caseId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/intake/cases/{caseId}/closure", new { reason = "other" }, Ct)).StatusCode);
        var list = await stranger.GetFromJsonAsync<JsonElement>("/api/intake/cases", Ct);
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());

        var own = await As("school-bs-de-linde").GetFromJsonAsync<JsonElement>("/api/intake/cases?status=open&limit=5", Ct);
        Assert.Contains(own.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == caseId);
    }

    [Fact]
    public async Task Withdrawing_consent_stops_access_at_once()
    {
        var caseId = await OpenCaseAsync("school-bs-de-linde", NewBsn(), "jgz-zuid-limburg");
        var jgz = As("jgz-zuid-limburg", "jgz");
        Assert.Equal(HttpStatusCode.OK, (await jgz.GetAsync($"/api/intake/cases/{caseId}", Ct)).StatusCode);
        var consentId = (await As("school-bs-de-linde").GetFromJsonAsync<JsonElement>($"/api/intake/cases/{caseId}", Ct))
            .GetProperty("consents")[0].GetProperty("id").GetGuid();

        var withdrawal = await As("gemeente-maastricht", "municipality").PostAsJsonAsync(
            $"/api/intake/cases/{caseId}/consents/{consentId}/withdrawal", new { withdrawnBy = "parents", reason = "We want to think again" }, Ct);

        Assert.Equal(HttpStatusCode.OK, withdrawal.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await jgz.GetAsync($"/api/intake/cases/{caseId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await As("gemeente-maastricht", "municipality").GetAsync($"/api/intake/cases/{caseId}", Ct)).StatusCode);
        var referrer = await As("school-bs-de-linde").GetFromJsonAsync<JsonElement>($"/api/intake/cases/{caseId}", Ct);
        Assert.Equal("awaiting-consent", referrer.GetProperty("summary").GetProperty("status").GetString());
        Assert.Contains("ConsentWithdrawn", await EventsForAsync(caseId));
    }

    [Fact]
    public async Task A_second_referral_for_the_same_child_links_to_the_case_and_only_the_involved_learn_it()
    {
        var bsn = NewBsn();
        var caseId = await OpenCaseAsync("school-bs-de-linde", bsn);

        var second = await SubmitAsync("kinderopvang-de-kleine-wereld", bsn);

        // A stranger to the case is not told that it joined one (#25): no case id, not linked, no access.
        Assert.Equal(JsonValueKind.Null, second.GetProperty("caseId").ValueKind);
        Assert.False(second.GetProperty("linkedToExistingCase").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await As("kinderopvang-de-kleine-wereld").GetAsync($"/api/intake/cases/{caseId}", Ct)).StatusCode);
        var readBack = await As("kinderopvang-de-kleine-wereld").GetFromJsonAsync<JsonElement>($"/api/intake/referrals/{second.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal(JsonValueKind.Null, readBack.GetProperty("caseId").ValueKind);
        var list = await As("kinderopvang-de-kleine-wereld").GetFromJsonAsync<JsonElement>("/api/intake/cases", Ct);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == caseId);
        // Behind the scenes it joined the child's one case, and the earlier referrer sees both.
        var seenByFirst = await As("school-bs-de-linde").GetFromJsonAsync<JsonElement>($"/api/intake/cases/{caseId}", Ct);
        Assert.Equal(["school-bs-de-linde", "kinderopvang-de-kleine-wereld"], seenByFirst.GetProperty("summary").GetProperty("referringOrganisations").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("ReferralLinkedToCase", await EventsForAsync(caseId));
        await using (var scope = _intake.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            Assert.Equal(1, await db.Cases.CountAsync(c => c.Id == caseId || c.FirstReferralId == second.GetProperty("id").GetGuid(), Ct));
            Assert.Equal(caseId, (await db.Referrals.SingleAsync(r => r.Id == second.GetProperty("id").GetGuid(), Ct)).CaseId);
        }

        // An organisation already involved (the first referrer, or one the consent names) learns the link.
        var again = await SubmitAsync("gemeente-maastricht", bsn);
        Assert.Equal(caseId, again.GetProperty("caseId").GetGuid());
        Assert.True(again.GetProperty("linkedToExistingCase").GetBoolean());
        var byFirst = await SubmitAsync("school-bs-de-linde", bsn);
        Assert.Equal(caseId, byFirst.GetProperty("caseId").GetGuid());
        Assert.True(byFirst.GetProperty("linkedToExistingCase").GetBoolean());
    }

    [Fact]
    public async Task A_strangers_answer_for_a_known_child_equals_its_answer_for_an_unknown_child()
    {
        var known = NewBsn();
        var caseId = await OpenCaseAsync("school-bs-de-linde", known, "jgz-zuid-limburg");
        var unknown = NewBsn();

        async Task<(HttpResponseMessage Response, JsonElement Body)> ReferByStrangerAsync(string bsn)
        {
            var response = await As("kinderopvang-de-kleine-wereld").PostAsJsonAsync("/api/intake/referrals", new
            {
                child = new { bsn, givenName = "Sanne", familyName = "Jansen", dateOfBirth = "2015-04-01", homeMunicipality = "GM0935" },
                supportNeeds = new[] { new { domain = "learning", description = "Reads below age level." } },
                triedSoFar = "Extra support in class.",
                urgency = "soon",
            }, Ct);
            return (response, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
        }

        var forKnown = await ReferByStrangerAsync(known);
        var forUnknown = await ReferByStrangerAsync(unknown);

        Assert.Equal(forUnknown.Response.StatusCode, forKnown.Response.StatusCode);
        Assert.Equal(HttpStatusCode.Created, forKnown.Response.StatusCode);
        Assert.Equal(Shape(forUnknown.Response.Headers.Location!, forUnknown.Body), Shape(forKnown.Response.Headers.Location!, forKnown.Body));
        Assert.Equal(HeaderNames(forUnknown.Response), HeaderNames(forKnown.Response));
        // Field by field, ids, timestamps and the BSN aside.
        Assert.Equal(Comparable(forUnknown.Body), Comparable(forKnown.Body));
        Assert.Equal(caseId, await CaseOfReferralAsync(forKnown.Body.GetProperty("id").GetGuid()));

        static string Shape(Uri location, JsonElement body) => location.ToString().Replace(body.GetProperty("id").GetGuid().ToString(), "{id}");
        static string HeaderNames(HttpResponseMessage r) => string.Join(",", r.Headers.Concat(r.Content.Headers).Select(h => h.Key).Where(k => k != "Date").Order());
        static string Comparable(JsonElement body)
        {
            var node = JsonSerializer.SerializeToNode(body)!.AsObject();
            node.Remove("id");
            node.Remove("submittedAt");
            node["child"]!.AsObject().Remove("bsn");
            return node.ToJsonString();
        }
    }

    private async Task<Guid?> CaseOfReferralAsync(Guid referralId)
    {
        await using var scope = _intake.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IntakeDbContext>().Referrals.AsNoTracking().SingleAsync(r => r.Id == referralId, Ct)).CaseId;
    }

    [Fact]
    public async Task Referrals_racing_for_the_same_child_still_make_one_case()
    {
        var bsn = NewBsn();
        var referrals = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => SubmitAsync($"school-race-{i}", bsn)));

        var cases = new List<Guid?>();
        foreach (var r in referrals) cases.Add(await CaseOfReferralAsync(r.GetProperty("id").GetGuid()));
        Assert.NotNull(Assert.Single(cases.Distinct()));
    }

    [Fact]
    public async Task An_illegal_move_gets_409_and_a_broken_consent_rule_422_naming_the_field_with_nothing_written()
    {
        var caseId = (await ReferAsync("school-bs-de-linde", NewBsn(), dateOfBirth: "2012-06-01")).GetProperty("caseId").GetGuid();
        var school = As("school-bs-de-linde");

        // The referrer's move, but not in this state: consent was already asked for.
        Assert.Equal(HttpStatusCode.OK, (await school.PostAsync($"/api/intake/cases/{caseId}/consent-request", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await school.PostAsync($"/api/intake/cases/{caseId}/consent-request", null, Ct)).StatusCode);

        // The child is 14: the parents' consent alone does not count.
        var consent = await school.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents", Consent(["parents"], "school-bs-de-linde", "gemeente-maastricht"), Ct);
        Assert.Equal((HttpStatusCode)422, consent.StatusCode);
        var problem = await consent.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("givenBy", out _));

        await using var scope = _intake.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        Assert.False(await db.Consents.AnyAsync(c => c.CaseId == caseId, Ct));
        Assert.Empty(await EventsForAsync(caseId));
    }

    [Fact]
    public async Task A_samenwerkingsverband_under_consent_sees_the_case_without_the_BSN()
    {
        var caseId = await OpenCaseAsync("school-bs-de-linde", NewBsn(), "swv-po-maastricht-heuvelland");

        var swv = await As("swv-po-maastricht-heuvelland", "swv").GetFromJsonAsync<JsonElement>($"/api/intake/cases/{caseId}", Ct);

        Assert.Equal(JsonValueKind.Null, swv.GetProperty("child").GetProperty("bsn").ValueKind);
        Assert.Equal("Sanne", swv.GetProperty("child").GetProperty("givenName").GetString());
    }

    [Fact]
    public async Task A_missed_knooppunt_deadline_raises_an_event_once_even_after_a_restart_of_the_watcher()
    {
        var late = await OpenCaseAsync("school-bs-de-linde", NewBsn());
        var onTime = await OpenCaseAsync("school-bs-de-linde", NewBsn());
        var coordinator = As("gemeente-maastricht", "municipality");
        var knooppunt = await (await coordinator.PostAsJsonAsync($"/api/intake/cases/{onTime}/knooppunten",
            new { scheduledOn = Today.ToString("yyyy-MM-dd"), participants = new[] { "school-bs-de-linde" } }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        await coordinator.PostAsJsonAsync($"/api/intake/cases/{onTime}/knooppunten/{knooppunt.GetProperty("id").GetGuid()}/outcome", new
        {
            heldOn = Today.ToString("yyyy-MM-dd"),
            summary = "Held",
            nextStep = new { description = "Call the family", ownerOrganisationId = "gemeente-maastricht", startsOn = Today.ToString("yyyy-MM-dd") },
        }, Ct);

        var watcher = _intake.Services.GetRequiredService<KnooppuntDeadlineWatcher>();
        _clock.Advance(TimeSpan.FromDays(14)); // due Monday 7 Dec; now Monday 7 Dec: not yet overdue
        await watcher.CheckAsync(Ct);
        Assert.DoesNotContain("KnooppuntOverdue", await EventsForAsync(late));

        _clock.Advance(TimeSpan.FromDays(1));
        await watcher.CheckAsync(Ct);
        await ActivatorUtilitiesCheckAgain();

        Assert.Single(await EventsForAsync(late), e => e == "KnooppuntOverdue");
        Assert.DoesNotContain("KnooppuntOverdue", await EventsForAsync(onTime));
        var seen = await coordinator.GetFromJsonAsync<JsonElement>($"/api/intake/cases/{late}", Ct);
        Assert.True(seen.GetProperty("summary").GetProperty("knooppuntOverdue").GetBoolean());

        // A new watcher (a restarted service) finds nothing left to raise: the deadline state is in the database.
        async Task ActivatorUtilitiesCheckAgain() =>
            await ActivatorUtilities.CreateInstance<KnooppuntDeadlineWatcher>(_intake.Services).CheckAsync(Ct);
    }

    [Fact]
    public async Task Organisations_the_region_s_directory_does_not_know_are_422_naming_the_field()
    {
        var caseId = (await ReferAsync("school-bs-de-linde", NewBsn())).GetProperty("caseId").GetGuid();
        var school = As("school-bs-de-linde");

        var consent = await school.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents",
            Consent(["parents"], "school-bs-de-linde", "wijkteam-somewhere"), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, consent.StatusCode);
        Assert.True((await consent.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("organisations[1]", out _));
        Assert.Equal("referred", (await school.GetFromJsonAsync<JsonElement>($"/api/intake/cases/{caseId}", Ct)).GetProperty("summary").GetProperty("status").GetString());

        // A plan may only ask for a place at a school of the directory.
        var open = await OpenCaseAsync("school-bs-de-linde", NewBsn());
        var plan = await As("gemeente-maastricht", "municipality").PostAsJsonAsync($"/api/intake/cases/{open}/plans", new
        {
            goals = new[] { "Attends school" },
            actions = new[] { new { partnerOrganisationId = "school-bs-de-linde", description = "x", owner = "x", dueOn = "2027-01-01" } },
            reviewOn = "2027-02-01",
            arrangement = new { kind = "collective", supportDomains = new[] { "learning" }, schoolOrganisationId = "jgz-zuid-limburg" },
        }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, plan.StatusCode);
        Assert.True((await plan.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("arrangement.schoolOrganisationId", out _));
    }

    [Fact]
    public async Task Bad_case_input_gets_400_naming_each_field()
    {
        var caseId = (await ReferAsync("school-bs-de-linde", NewBsn())).GetProperty("caseId").GetGuid();

        var response = await As("school-bs-de-linde").PostAsJsonAsync($"/api/intake/cases/{caseId}/consents", new
        {
            givenBy = new[] { "grandma" },
            organisations = Array.Empty<string>(),
            purpose = new string('x', 501),
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        foreach (var field in new[] { "givenBy[0]", "organisations", "purpose", "givenOn" })
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing in {errors}");

        var list = await As("school-bs-de-linde").GetAsync("/api/intake/cases?status=lost&limit=500", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
    }
}
