using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Intake.Infrastructure;
using Platform.Intake.Jobs;
using Platform.Messaging.Outbox;
using Platform.TestInfrastructure;

namespace Platform.Intake.Tests.Apis;

/// <summary>
/// #25 point 1, consent is recorded by whoever is involved: only the coordinator or a referrer records it,
/// for the people RULES.md §6 names by age, with a structured check of parental authority, never back-dated
/// beyond the region's window; the family's withdrawal ends every consent resting on their word; turning 12
/// or 16 makes a renewal task.
/// </summary>
public sealed class ConsentHardeningTests(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly TestTokens _tokens = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private ServiceFactory<Program, IntakeDbContext> _intake = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    public async ValueTask InitializeAsync() => _intake = await ServiceFactory<Program, IntakeDbContext>.StartAsync(fixture.Servers, new()
    {
        Tokens = _tokens, Clock = _clock, Prefix = "consenthard",
        // The region's window, as an operator would set it.
        Settings = new Dictionary<string, string?> { ["Intake:Consent:MaxBackdatingDays"] = "2" },
    });

    public async ValueTask DisposeAsync() => await _intake.DisposeAsync();

    private HttpClient As(string organisation, string type)
    {
        var client = _intake.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.For(organisation, "intake-api", type));
        return client;
    }

    private HttpClient School => As("school-bs-de-linde", "school");
    private HttpClient Maastricht => As("gemeente-maastricht", "municipality");

    private static string NewBsn()
    {
        while (true)
        {
            var digits = Random.Shared.Next(100_000_000, 999_999_999).ToString();
            if (Platform.Privacy.Bsn.TryParse(digits, out _)) return digits;
        }
    }

    private async Task<Guid> ReferAsync(DateOnly dateOfBirth)
    {
        var created = await SecureReadAsync(await School.PostAsJsonAsync("/api/intake/referrals", new
        {
            child = new { bsn = NewBsn(), givenName = "Sanne", familyName = "Jansen", dateOfBirth = dateOfBirth.ToString("yyyy-MM-dd"), homeMunicipality = "GM0935" },
            supportNeeds = new[] { new { domain = "learning", description = "Reads below age level." } },
            triedSoFar = "Extra support in class.", urgency = "soon",
        }, Ct), HttpStatusCode.Created);
        return (await School.GetFromJsonAsync<JsonElement>($"/api/intake/referrals/{created.GetProperty("id").GetGuid()}", Ct)).GetProperty("caseId").GetGuid();
    }

    private object Consent(string[] organisations, DateOnly? givenOn = null, object? authority = null, string[]? givenBy = null) => new
    {
        givenBy = givenBy ?? ["parents"],
        parentalAuthority = authority ?? new { holders = new[] { "mother", "father" }, verifiedBy = "gezagsregister", verifiedOn = (givenOn ?? Today).ToString("yyyy-MM-dd") },
        organisations,
        purpose = "Support planning around the child",
        givenOn = (givenOn ?? Today).ToString("yyyy-MM-dd"),
        coordinator = new { organisationId = "gemeente-maastricht", name = "J. de Vries" },
    };

    private async Task<(Guid CaseId, Guid ConsentId)> OpenCaseAsync(params string[] organisations)
    {
        var caseId = await ReferAsync(new DateOnly(2017, 4, 1));
        var consent = await SecureReadAsync(await School.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents",
            Consent(["school-bs-de-linde", "gemeente-maastricht", .. organisations]), Ct), HttpStatusCode.Created);
        return (caseId, consent.GetProperty("id").GetGuid());
    }

    private static async Task<JsonElement> SecureReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement;
    }

    private async Task<List<(string Type, JsonElement Body)>> EventsForAsync(Guid caseId) => await _intake.InDbAsync(async db =>
    {
        var rows = await db.Set<OutboxMessage>().AsNoTracking().WithoutAudit().OrderBy(m => m.Sequence).ToListAsync(Ct);
        return rows.Where(r => r.Body.Contains(caseId.ToString()))
            .Select(r => (r.MessageType.Split('.').Last(), JsonDocument.Parse(r.Body).RootElement)).ToList();
    });

    /// <summary>The incident: an SWV named in the consent recorded a "parents' consent" naming another municipality, which then read the case.</summary>
    [Fact]
    public async Task A_partner_named_in_the_consent_cannot_record_consent_only_the_coordinator_or_a_referrer_can()
    {
        var (caseId, _) = await OpenCaseAsync("swv-po-maastricht-heuvelland");

        var bySwv = await As("swv-po-maastricht-heuvelland", "swv").PostAsJsonAsync($"/api/intake/cases/{caseId}/consents",
            Consent(["gemeente-maastricht", "gemeente-heerlen"]), Ct);
        var refused = await SecureReadAsync(bySwv, HttpStatusCode.Forbidden);
        Assert.Contains("coordinator or a referrer", refused.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await As("gemeente-heerlen", "municipality").GetAsync($"/api/intake/cases/{caseId}", Ct)).StatusCode);

        var byCoordinator = await SecureReadAsync(await Maastricht.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents",
            Consent(["gemeente-maastricht", "jgz-zuid-limburg"]), Ct), HttpStatusCode.Created);
        Assert.Equal("gemeente-maastricht", byCoordinator.GetProperty("recordedBy").GetString());
    }

    /// <summary>A consent recorded by someone never outlives the parents' withdrawal recorded by another (RULES.md §6).</summary>
    [Fact]
    public async Task The_parents_withdrawal_ends_every_consent_resting_on_their_word_and_its_organisations_lose_the_case_at_once()
    {
        var (caseId, schoolsConsent) = await OpenCaseAsync();
        var coordinatorsConsent = (await SecureReadAsync(await Maastricht.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents",
            Consent(["gemeente-maastricht", "gemeente-vaals"]), Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var vaals = As("gemeente-vaals", "municipality");
        Assert.Equal(HttpStatusCode.OK, (await vaals.GetAsync($"/api/intake/cases/{caseId}", Ct)).StatusCode);

        await SecureReadAsync(await School.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents/{schoolsConsent}/withdrawal",
            new { withdrawnBy = "The mother, at school", withdrawnByParties = new[] { "parents" } }, Ct), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NotFound, (await vaals.GetAsync($"/api/intake/cases/{caseId}", Ct)).StatusCode);
        var other = await School.GetFromJsonAsync<JsonElement>($"/api/intake/cases/{caseId}/consents/{coordinatorsConsent}", Ct);
        Assert.NotEqual(JsonValueKind.Null, other.GetProperty("withdrawnAt").ValueKind);
        Assert.Equal(schoolsConsent, other.GetProperty("endedByWithdrawalOf").GetGuid());
        var withdrawn = (await EventsForAsync(caseId)).Where(e => e.Type == "ConsentWithdrawn").Select(e => e.Body).ToList();
        Assert.Equal(2, withdrawn.Count);
        Assert.Contains(withdrawn, e => e.GetProperty("consentId").GetGuid() == coordinatorsConsent
            && e.GetProperty("endedByWithdrawalOf").GetGuid() == schoolsConsent);
        var summary = await School.GetFromJsonAsync<JsonElement>($"/api/intake/cases/{caseId}", Ct);
        Assert.Equal("awaiting-consent", summary.GetProperty("summary").GetProperty("status").GetString());

        // Nor does a consent back-dated to before the withdrawal bring it back.
        _clock.Advance(TimeSpan.FromDays(1));
        var backDated = await SecureReadAsync(await School.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents",
            Consent(["school-bs-de-linde", "gemeente-maastricht", "gemeente-vaals"], givenOn: Today.AddDays(-1).AddDays(-1)), Ct), (HttpStatusCode)422);
        Assert.True(backDated.GetProperty("errors").TryGetProperty("givenOn", out _));
        Assert.Contains("withdrew their consent", backDated.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await vaals.GetAsync($"/api/intake/cases/{caseId}", Ct)).StatusCode);
    }

    /// <summary>#25 point 2: a withdrawal is recorded by the coordinator, a referrer or whoever recorded that consent; a partner may not.</summary>
    [Fact]
    public async Task Whoever_recorded_a_consent_may_record_its_withdrawal_after_handing_the_case_over_and_a_partner_may_not()
    {
        var (caseId, _) = await OpenCaseAsync("jgz-zuid-limburg", "swv-po-maastricht-heuvelland");
        var recorded = (await SecureReadAsync(await Maastricht.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents",
            Consent(["gemeente-maastricht", "jgz-zuid-limburg"]), Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await SecureReadAsync(await Maastricht.PutAsJsonAsync($"/api/intake/cases/{caseId}/coordinator",
            new { organisationId = "jgz-zuid-limburg", name = "A. Pauw", reason = "JGZ knows the family" }, Ct), HttpStatusCode.OK);
        var withdrawal = new { withdrawnBy = "The father, by phone", withdrawnByParties = new[] { "parents" } };

        await SecureReadAsync(await As("swv-po-maastricht-heuvelland", "swv").PostAsJsonAsync(
            $"/api/intake/cases/{caseId}/consents/{recorded}/withdrawal", withdrawal, Ct), HttpStatusCode.Forbidden);
        var withdrawn = await SecureReadAsync(await Maastricht.PostAsJsonAsync(
            $"/api/intake/cases/{caseId}/consents/{recorded}/withdrawal", withdrawal, Ct), HttpStatusCode.OK);

        Assert.Equal(["parents"], withdrawn.GetProperty("withdrawnByParties").EnumerateArray().Select(p => p.GetString()));
    }

    /// <summary>Intake:Consent:MaxBackdatingDays (2 here): a consent older than that is asked again, not back-dated.</summary>
    [Fact]
    public async Task A_consent_back_dated_beyond_the_configured_window_is_refused_422_naming_givenOn()
    {
        var caseId = await ReferAsync(new DateOnly(2017, 4, 1));

        var late = await SecureReadAsync(await School.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents",
            Consent(["school-bs-de-linde", "gemeente-maastricht"], givenOn: Today.AddDays(-3)), Ct), (HttpStatusCode)422);
        Assert.True(late.GetProperty("errors").TryGetProperty("givenOn", out _));
        Assert.Contains("MaxBackdatingDays", late.GetProperty("detail").GetString());
        Assert.Equal(0, await _intake.InDbAsync(db => db.Consents.CountAsync(c => c.CaseId == caseId, Ct)));

        await SecureReadAsync(await School.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents",
            Consent(["school-bs-de-linde", "gemeente-maastricht"], givenOn: Today.AddDays(-2)), Ct), HttpStatusCode.Created);
    }

    /// <summary>RULES.md §6: who holds parental authority, checked how and when; never on one parent's word.</summary>
    [Fact]
    public async Task The_parents_consent_needs_who_holds_authority_how_and_when_it_was_checked()
    {
        var caseId = await ReferAsync(new DateOnly(2017, 4, 1));
        var organisations = new[] { "school-bs-de-linde", "gemeente-maastricht" };

        var word = await SecureReadAsync(await School.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents", Consent(organisations,
            authority: new { holders = new[] { "mother" }, verifiedBy = "declaration", verifiedOn = Today.ToString("yyyy-MM-dd") }), Ct), (HttpStatusCode)422);
        Assert.True(word.GetProperty("errors").TryGetProperty("parentalAuthority.verifiedBy", out _));
        Assert.Contains("RULES.md §6", word.GetProperty("detail").GetString());

        var incomplete = await SecureReadAsync(await School.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents", Consent(organisations,
            authority: new { verifiedBy = "gezagsregister" }), Ct), HttpStatusCode.BadRequest);
        Assert.True(incomplete.GetProperty("errors").TryGetProperty("parentalAuthority.holders", out _));
        Assert.True(incomplete.GetProperty("errors").TryGetProperty("parentalAuthority.verifiedOn", out _));

        var legacyHearsay = await School.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents", new
        {
            givenBy = new[] { "parents" }, parentalAuthorityCheckedIn = "the mother said so", organisations, purpose = "p",
            givenOn = Today.ToString("yyyy-MM-dd"), coordinator = new { organisationId = "gemeente-maastricht", name = "J. de Vries" },
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, legacyHearsay.StatusCode);

        var recorded = await SecureReadAsync(await School.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents", Consent(organisations,
            authority: new { holders = new[] { "guardian" }, verifiedBy = "court-decision", verifiedOn = Today.AddDays(-10).ToString("yyyy-MM-dd") }), Ct), HttpStatusCode.Created);
        var read = await School.GetFromJsonAsync<JsonElement>($"/api/intake/cases/{caseId}/consents/{recorded.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal("guardian", read.GetProperty("parentalAuthority").GetProperty("holders")[0].GetString());
        Assert.Equal("court-decision", read.GetProperty("parentalAuthority").GetProperty("verifiedBy").GetString());
        Assert.Equal(Today.AddDays(-10).ToString("yyyy-MM-dd"), read.GetProperty("parentalAuthority").GetProperty("verifiedOn").GetString());
    }

    /// <summary>RULES.md §6: from 12 the child consents too. The birthday is a durable deadline (the sweep), raised once.</summary>
    [Fact]
    public async Task A_child_turning_12_makes_one_consent_renewal_task_for_the_coordinator()
    {
        var caseId = await ReferAsync(Today.AddDays(10).AddYears(-12));
        await SecureReadAsync(await School.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents",
            Consent(["school-bs-de-linde", "gemeente-maastricht"]), Ct), HttpStatusCode.Created);
        var watcher = _intake.Services.GetRequiredService<ConsentRenewalWatcher>();

        _clock.Advance(TimeSpan.FromDays(9));
        Assert.Equal(0, await watcher.CheckAsync(Ct));
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await watcher.CheckAsync(Ct));
        Assert.Equal(0, await watcher.CheckAsync(Ct));

        var due = Assert.Single(await EventsForAsync(caseId), e => e.Type == "ConsentRenewalDue").Body;
        Assert.Equal(12, due.GetProperty("turnedAge").GetInt32());
        Assert.Equal(["parents", "child"], due.GetProperty("parties").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("gemeente-maastricht", due.GetProperty("coordinatorOrganisationId").GetString());
        Assert.DoesNotContain("Sanne", due.GetRawText());
        var renewal = (await Maastricht.GetFromJsonAsync<JsonElement>($"/api/intake/cases/{caseId}", Ct)).GetProperty("summary").GetProperty("consentRenewal");
        Assert.Equal(12, renewal.GetProperty("turnedAge").GetInt32());

        // The right people consent again: the task is done.
        await SecureReadAsync(await Maastricht.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents",
            Consent(["gemeente-maastricht"], givenBy: ["parents", "child"]), Ct), HttpStatusCode.Created);
        var after = (await Maastricht.GetFromJsonAsync<JsonElement>($"/api/intake/cases/{caseId}", Ct)).GetProperty("summary");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("consentRenewal").ValueKind);
    }
}
