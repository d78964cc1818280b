using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Platform.Http.Idempotency;
using Platform.Intake.Domain;
using Platform.Intake.Domain.Cases;
using Platform.Intake.Infrastructure;
using Platform.Privacy;
using Platform.TestInfrastructure;

namespace Platform.Intake.Tests.Privacy;

/// <summary>
/// #25 point 6, minimum data per role (Intake's part): an SWV never submits or receives a BSN (RULES.md §4,
/// §6); a retry with an Idempotency-Key passes the access checks again and is logged; the answers kept for
/// retries hold no child data in plain text.
/// </summary>
public sealed class MinimumDataTests(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly TestTokens _tokens = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private ServiceFactory<Program, IntakeDbContext> _intake = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Swv = "swv-po-maastricht-heuvelland";

    public async ValueTask InitializeAsync() =>
        _intake = await ServiceFactory<Program, IntakeDbContext>.StartAsync(fixture.Servers, new() { Tokens = _tokens, Clock = _clock, Prefix = "mindata" });

    public async ValueTask DisposeAsync() => await _intake.DisposeAsync();

    private HttpClient As(string organisation, string type, string? idempotencyKey = null)
    {
        var client = _intake.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.For(organisation, "intake-api", type));
        if (idempotencyKey is not null) client.DefaultRequestHeaders.Add(IdempotencyOptions.Header, idempotencyKey);
        return client;
    }

    private static string NewBsn()
    {
        while (true)
        {
            var digits = Random.Shared.Next(100_000_000, 999_999_999).ToString();
            if (Bsn.TryParse(digits, out _)) return digits;
        }
    }

    private static object Referral(string bsn, string givenName = "Sanne") => new
    {
        child = new { bsn, givenName, familyName = "Jansen", dateOfBirth = "2017-04-01", homeMunicipality = "GM0935" },
        supportNeeds = new[] { new { domain = "learning", description = "Reads below age level." } },
        triedSoFar = "Extra support in class.", urgency = "soon",
    };

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement;
    }

    private async Task<Guid> CaseOfAsync(HttpClient referrer, JsonElement created) =>
        (await referrer.GetFromJsonAsync<JsonElement>($"/api/intake/referrals/{created.GetProperty("id").GetGuid()}", Ct)).GetProperty("caseId").GetGuid();

    private async Task<(Guid CaseId, Guid ConsentId)> OpenCaseAsync(string bsn, params string[] organisations)
    {
        var school = As("school-bs-de-linde", "school");
        var caseId = await CaseOfAsync(school, await ReadAsync(await school.PostAsJsonAsync("/api/intake/referrals", Referral(bsn), Ct), HttpStatusCode.Created));
        var consent = await ReadAsync(await school.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents", new
        {
            givenBy = new[] { "parents" },
            parentalAuthority = new { holders = new[] { "parents" }, verifiedBy = "gezagsregister", verifiedOn = "2026-11-23" },
            organisations = (string[])["school-bs-de-linde", "gemeente-maastricht", .. organisations],
            purpose = "Support planning", givenOn = "2026-11-23", coordinator = new { organisationId = "gemeente-maastricht", name = "J. de Vries" },
        }, Ct), HttpStatusCode.Created);
        return (caseId, consent.GetProperty("id").GetGuid());
    }

    /// <summary>RULES.md §4 ("the SWV may not use the BSN") and §6; rule 6 of the rules most often got wrong.</summary>
    [Fact]
    public async Task An_swv_referral_is_refused_422_naming_child_bsn_and_the_rule_and_nothing_is_kept()
    {
        var bsn = NewBsn();
        var swv = As(Swv, "swv");

        var withBsn = await swv.PostAsJsonAsync("/api/intake/referrals", Referral(bsn), Ct);
        var problem = await ReadAsync(withBsn, (HttpStatusCode)422);
        Assert.True(problem.GetProperty("errors").TryGetProperty("child.bsn", out _));
        Assert.Contains("RULES.md §4", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain(bsn, problem.GetRawText());

        var withoutBsn = await ReadAsync(await swv.PostAsJsonAsync("/api/intake/referrals", new
        {
            child = new { givenName = "Sanne", familyName = "Jansen", dateOfBirth = "2017-04-01", homeMunicipality = "GM0935" },
            supportNeeds = new[] { new { domain = "learning", description = "x" } }, triedSoFar = "x", urgency = "soon",
        }, Ct), (HttpStatusCode)422);
        Assert.True(withoutBsn.GetProperty("errors").TryGetProperty("child.bsn", out _));

        Assert.Equal(0, await _intake.InDbAsync(db => db.Referrals.CountAsync(r => r.ReferringOrganisationId == Swv, Ct)));
    }

    /// <summary>No answer to an SWV holds the BSN: the case, its consent, the list, and a referral it made before #25.</summary>
    [Fact]
    public async Task No_answer_to_an_swv_holds_the_bsn()
    {
        var bsn = NewBsn();
        var (caseId, consentId) = await OpenCaseAsync(bsn, Swv);
        // A referral an SWV made before the rule, with a BSN, as it lies in the database.
        var oldBsn = NewBsn();
        var legacy = await _intake.InDbAsync(async db =>
        {
            Bsn.TryParse(oldBsn, out var parsed);
            var referral = Platform.Intake.Domain.Referral.Submit(new Child(parsed, "Noor", "Smeets", new DateOnly(2016, 2, 2), "GM0935"), "cr1-legacy-" + oldBsn, Swv, "swv",
                [new SupportNeed(SupportDomain.Learning, "x")], "x", Urgency.Soon, null, null, _clock.GetUtcNow());
            db.Cases.Add(Case.Start(referral, _clock.GetUtcNow()));
            db.Referrals.Add(referral);
            await db.SaveChangesAsync(Ct);
            return referral.Id;
        });

        var swv = As(Swv, "swv");
        var answers = new List<string>();
        foreach (var path in new[]
        {
            $"/api/intake/cases/{caseId}", $"/api/intake/cases/{caseId}/consents/{consentId}", "/api/intake/cases", $"/api/intake/referrals/{legacy}",
        })
        {
            var response = await swv.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add(await response.Content.ReadAsStringAsync(Ct));
        }

        Assert.All(answers, a => Assert.DoesNotContain(bsn, a));
        Assert.All(answers, a => Assert.DoesNotContain(oldBsn, a));
        Assert.Contains("Noor", answers[3]);

        // Its old referral gives it no referrer's moves: it records no consent that would share the child's BSN with others.
        var legacyCase = await _intake.InDbAsync(db => db.Referrals.Where(r => r.Id == legacy).Select(r => r.CaseId!.Value).SingleAsync(Ct));
        var consent = await swv.PostAsJsonAsync($"/api/intake/cases/{legacyCase}/consents", new
        {
            givenBy = new[] { "parents" },
            parentalAuthority = new { holders = new[] { "parents" }, verifiedBy = "gezagsregister", verifiedOn = "2026-11-23" },
            organisations = new[] { Swv, "gemeente-heerlen" }, purpose = "p", givenOn = "2026-11-23",
            coordinator = new { organisationId = "gemeente-heerlen", name = "X" },
        }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, consent.StatusCode);
    }

    /// <summary>A replay by an organisation that may no longer see the case gets what a new request gets now (404), logged as denied.</summary>
    [Fact]
    public async Task A_retry_after_the_consent_was_withdrawn_gets_404_not_the_stored_answer()
    {
        var (caseId, consentId) = await OpenCaseAsync(NewBsn());
        var key = Guid.NewGuid().ToString();
        var coordinator = As("gemeente-maastricht", "municipality", key);
        var schedule = new { scheduledOn = "2026-11-26", participants = new[] { "school-bs-de-linde", "gemeente-maastricht" } };
        await ReadAsync(await coordinator.PostAsJsonAsync($"/api/intake/cases/{caseId}/knooppunten", schedule, Ct), HttpStatusCode.Created);
        var again = await coordinator.PostAsJsonAsync($"/api/intake/cases/{caseId}/knooppunten", schedule, Ct);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.True(again.Headers.Contains(IdempotencyOptions.ReplayedHeader));

        await ReadAsync(await As("school-bs-de-linde", "school").PostAsJsonAsync($"/api/intake/cases/{caseId}/consents/{consentId}/withdrawal",
            new { withdrawnBy = "The parents" }, Ct), HttpStatusCode.OK);
        var replay = await coordinator.PostAsJsonAsync($"/api/intake/cases/{caseId}/knooppunten", schedule, Ct);

        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
        Assert.False(replay.Headers.Contains(IdempotencyOptions.ReplayedHeader));
        Assert.DoesNotContain("knooppunt", (await replay.Content.ReadAsStringAsync(Ct)).Replace("knooppunten", ""), StringComparison.OrdinalIgnoreCase);
        var lines = await _intake.InDbAsync(db => AuditLines.InOutboxAsync(db, Ct));
        Assert.Contains(lines, l => l.Action == "replay" && l.RecordId == caseId.ToString() && l.OrganisationId == "gemeente-maastricht" && l.Outcome == "success");
        Assert.Contains(lines, l => l.RecordId == caseId.ToString() && l.OrganisationId == "gemeente-maastricht" && l.Outcome == "denied");
    }

    /// <summary>The stored answer is encrypted with the service's key; the replay is rendered from the referral, and logged.</summary>
    [Fact]
    public async Task The_answer_kept_for_retries_holds_no_child_data_in_plain_text_and_its_replay_is_logged()
    {
        var bsn = NewBsn();
        var key = Guid.NewGuid().ToString();
        var school = As("school-bs-de-linde", "school", key);
        var body = Referral(bsn, givenName: "Zwaantje");
        var first = await ReadAsync(await school.PostAsJsonAsync("/api/intake/referrals", body, Ct), HttpStatusCode.Created);

        var stored = await _intake.InDbAsync(db => db.Set<IdempotentRequest>().AsNoTracking()
            .Where(r => r.OrganisationId == "school-bs-de-linde" && r.Key == key).Select(r => r.Body).SingleAsync(Ct));
        Assert.NotNull(stored);
        var raw = Encoding.UTF8.GetString(stored);
        Assert.DoesNotContain("Zwaantje", raw);
        Assert.DoesNotContain(bsn, raw);

        var replay = await school.PostAsJsonAsync("/api/intake/referrals", body, Ct);
        var again = await ReadAsync(replay, HttpStatusCode.Created);
        Assert.True(replay.Headers.Contains(IdempotencyOptions.ReplayedHeader));
        Assert.Equal(first.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());
        Assert.Equal("Zwaantje", again.GetProperty("child").GetProperty("givenName").GetString());
        Assert.Equal(JsonValueKind.Null, again.GetProperty("caseId").ValueKind);  // as the POST: no oracle (#25)
        var lines = await _intake.InDbAsync(db => AuditLines.InOutboxAsync(db, Ct));
        Assert.Contains(lines, l => l.Action == "replay" && l.RecordType == "referral" && l.RecordId == first.GetProperty("id").GetGuid().ToString());
    }
}
