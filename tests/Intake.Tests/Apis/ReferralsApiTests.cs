using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Intake.Infrastructure;
using Platform.Messaging.Outbox;
using Platform.TestInfrastructure;

namespace Platform.Intake.Tests.Apis;

public sealed class ReferralsApiTests(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly TestTokens _tokens = new();
    private ServiceFactory<Program, IntakeDbContext> _intake = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _intake = await ServiceFactory<Program, IntakeDbContext>.StartAsync(fixture.Servers, new() { Tokens = _tokens, Prefix = "intake" });
    }

    public async ValueTask DisposeAsync() => await _intake.DisposeAsync();

    private HttpClient As(string organisation, string audience = "intake-api")
    {
        var client = _intake.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.For(organisation, audience));
        return client;
    }

    private static object ValidReferral(string bsn = "111222333", string municipality = "GM0935") => new
    {
        child = new { bsn, givenName = "Sanne", familyName = "Jansen", dateOfBirth = "2015-04-01", homeMunicipality = municipality },
        supportNeeds = new[]
        {
            new { domain = "learning", description = "Reads two years below her age group." },
            new { domain = "social-emotional", description = "Withdraws in groups since spring." },
        },
        triedSoFar = "Extra reading support in class since September.",
        urgency = "soon",
        parentsView = "Worried about the move to secondary school.",
        childsView = "Reading makes me tired.",
    };

    [Fact]
    public async Task A_referral_is_accepted_stored_and_its_event_carries_no_identifying_data()
    {
        var response = await As("school-bs-de-linde").PostAsJsonAsync("/api/intake/referrals", ValidReferral(), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/intake/referrals/{id}", response.Headers.Location?.ToString());

        await using var scope = _intake.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        Assert.True(await db.Referrals.AnyAsync(r => r.Id == id, Ct));
        var events = await db.Set<OutboxMessage>().AsNoTracking().WithoutAudit().ToListAsync(Ct);
        var submitted = Assert.Single(events, e => e.Body.Contains(id.ToString()));
        Assert.DoesNotContain("111222333", submitted.Body);
        Assert.DoesNotContain("Sanne", submitted.Body);
        Assert.DoesNotContain("Jansen", submitted.Body);
        // The referral is a change of child-level data: its audit record commits with it, by reference only.
        var audit = Assert.Single(await db.Set<OutboxMessage>().AsNoTracking().AuditOnly().ToListAsync(Ct), e => e.Body.Contains(id.ToString()));
        Assert.Equal("create", JsonDocument.Parse(audit.Body).RootElement.GetProperty("action").GetString());
        Assert.DoesNotContain("111222333", audit.Body);
        Assert.DoesNotContain("Sanne", audit.Body);
        Assert.Contains("cr1-", submitted.Body);
        Assert.NotNull(submitted.TraceParent);
    }

    [Fact]
    public async Task The_referring_organisation_can_read_its_referral_and_another_organisation_gets_404()
    {
        var created = await (await As("school-bs-de-linde").PostAsJsonAsync("/api/intake/referrals", ValidReferral(), Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var location = $"/api/intake/referrals/{created.GetProperty("id").GetGuid()}";

        var own = await As("school-bs-de-linde").GetAsync(location, Ct);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("Sanne", (await own.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("child").GetProperty("givenName").GetString());

        var other = await As("school-bs-het-palet").GetAsync(location, Ct);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Malformed_JSON_gets_a_400_problem_naming_the_field()
    {
        var body = new StringContent("""{"child":{"bsn":"111222333","dateOfBirth":"not a date"}}""", Encoding.UTF8, "application/json");

        var response = await As("school-bs-de-linde").PostAsync("/api/intake/referrals", body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("child.dateOfBirth", out _), problem.ToString());
    }

    [Fact]
    public async Task Invalid_fields_get_a_400_problem_naming_each_one_and_nothing_is_stored()
    {
        var response = await As("school-bs-de-linde").PostAsJsonAsync("/api/intake/referrals", new
        {
            child = new { bsn = "123456789", givenName = "Sanne", familyName = "Jansen", dateOfBirth = "2099-01-01", homeMunicipality = "Maastricht" },
            supportNeeds = new[] { new { domain = "adhd", description = "" } },
            triedSoFar = "",
            urgency = "yesterday",
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        foreach (var field in new[] { "child.bsn", "child.dateOfBirth", "child.homeMunicipality", "supportNeeds[0].domain", "supportNeeds[0].description", "triedSoFar", "urgency" })
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing in {errors}");

        await using var scope = _intake.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        Assert.False(await db.Referrals.AnyAsync(r => r.Child.FamilyName == "Jansen" && r.Child.Bsn == "123456789", Ct));
    }

    [Fact]
    public async Task A_home_municipality_outside_the_region_s_directory_is_422_and_nothing_is_stored()
    {
        // GM0363 (Amsterdam) is a well-formed CBS code, but not a municipality of this region.
        var response = await As("school-bs-de-linde").PostAsJsonAsync("/api/intake/referrals", ValidReferral(bsn: "123456782", municipality: "GM0363"), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("child.homeMunicipality", out _), errors.ToString());
        await using var scope = _intake.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        Assert.False(await db.Referrals.AnyAsync(r => r.Child.Bsn == "123456782", Ct));
        Assert.False(await db.Set<Platform.Messaging.Outbox.OutboxMessage>().WithoutAudit().AnyAsync(Ct));
        // The refused attempt itself is on the record.
        var attempt = Assert.Single(await db.Set<Platform.Messaging.Outbox.OutboxMessage>().AuditOnly().ToListAsync(Ct));
        Assert.Equal("refused", JsonDocument.Parse(attempt.Body).RootElement.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task The_service_itself_refuses_missing_tokens_and_tokens_for_other_services()
    {
        var anonymous = await _intake.CreateClient().PostAsJsonAsync("/api/intake/referrals", ValidReferral(), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var wrongAudience = await As("school-bs-de-linde", audience: "monitoring-api").PostAsJsonAsync("/api/intake/referrals", ValidReferral(), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongAudience.StatusCode);
    }

    [Fact]
    public async Task A_retry_with_the_same_Idempotency_Key_returns_the_first_referral_instead_of_a_second()
    {
        var key = Guid.NewGuid().ToString();
        var client = As("school-idem");
        HttpResponseMessage Post(object body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/referrals") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return client.SendAsync(request, Ct).GetAwaiter().GetResult();
        }

        var first = Post(ValidReferral(bsn: "123456782"));
        var retry = Post(ValidReferral(bsn: "123456782"));
        var misuse = Post(ValidReferral(bsn: "111222333"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(HttpStatusCode.Conflict, misuse.StatusCode);

        await using var scope = _intake.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        Assert.Equal(1, await db.Referrals.CountAsync(r => r.ReferringOrganisationId == "school-idem", Ct));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_referrals_and_every_case_action()
    {
        var document = await _intake.CreateClient().GetStringAsync("/api/intake/openapi/v1.json", Ct);

        foreach (var path in new[]
        {
            "/api/intake/referrals", "/api/intake/cases", "/api/intake/cases/{id}/consents",
            "/api/intake/cases/{id}/consents/{consentId}/withdrawal", "/api/intake/cases/{id}/coordinator",
            "/api/intake/cases/{id}/knooppunten", "/api/intake/cases/{id}/knooppunten/{knooppuntId}/outcome",
            "/api/intake/cases/{id}/plans", "/api/intake/cases/{id}/closure",
        })
            Assert.Contains($"\"{path}", document);
    }
}
