using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Platform.Intake.Infrastructure;
using Platform.TestInfrastructure;

namespace Platform.Intake.Tests.Apis;

/// <summary>
/// Authorization before anything else (#25 point 5): an organisation that may not act on a case gets
/// its 404 before its body is looked at, whatever it sent, so a bad body never tells it that the case
/// exists or that the route is open to it. Every write action × every kind of organisation not
/// involved (one of each type, and a later referrer outside the consent), each with a malformed and
/// an empty body.
/// </summary>
public sealed class AuthorizationFirstTests(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly TestTokens _tokens = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private ServiceFactory<Program, IntakeDbContext> _intake = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _intake = await ServiceFactory<Program, IntakeDbContext>.StartAsync(fixture.Servers, new() { Tokens = _tokens, Clock = _clock, Prefix = "authz" });

    public async ValueTask DisposeAsync() => await _intake.DisposeAsync();

    private HttpClient As(string organisation, string type)
    {
        var client = _intake.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.For(organisation, "intake-api", type));
        return client;
    }

    private static object Referral(string bsn) => new
    {
        child = new { bsn, givenName = "Sanne", familyName = "Jansen", dateOfBirth = "2015-04-01", homeMunicipality = "GM0935" },
        supportNeeds = new[] { new { domain = "learning", description = "Reads below age level." } },
        triedSoFar = "Extra support in class.",
        urgency = "soon",
    };

    [Fact]
    public async Task Every_case_action_answers_404_before_the_body_to_an_organisation_not_involved()
    {
        const string bsn = "111222333";
        var school = As("school-bs-de-linde", "school");
        var created = await (await school.PostAsJsonAsync("/api/intake/referrals", Referral(bsn), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var caseId = (await school.GetFromJsonAsync<JsonElement>($"/api/intake/referrals/{created.GetProperty("id").GetGuid()}", Ct)).GetProperty("caseId").GetGuid();
        var consent = await school.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents", new
        {
            givenBy = new[] { "parents" }, parentalAuthorityCheckedIn = "gezagsregister", organisations = new[] { "school-bs-de-linde", "gemeente-maastricht" },
            purpose = "Support planning", givenOn = "2026-11-23", coordinator = new { organisationId = "gemeente-maastricht", name = "J. de Vries" },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, consent.StatusCode);
        var consentId = (await consent.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        // A later referrer outside the consent: its referral joined the case, which it may not act on.
        Assert.Equal(HttpStatusCode.Created, (await As("kinderopvang-de-kleine-wereld", "childcare").PostAsJsonAsync("/api/intake/referrals", Referral(bsn), Ct)).StatusCode);

        var actions = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Post, $"/api/intake/cases/{caseId}/consent-request"),
            (HttpMethod.Post, $"/api/intake/cases/{caseId}/consents"),
            (HttpMethod.Post, $"/api/intake/cases/{caseId}/consents/{consentId}/withdrawal"),
            (HttpMethod.Put, $"/api/intake/cases/{caseId}/coordinator"),
            (HttpMethod.Post, $"/api/intake/cases/{caseId}/knooppunten"),
            (HttpMethod.Post, $"/api/intake/cases/{caseId}/knooppunten/{Guid.NewGuid()}/outcome"),
            (HttpMethod.Post, $"/api/intake/cases/{caseId}/plans"),
            (HttpMethod.Post, $"/api/intake/cases/{caseId}/closure"),
        };
        var strangers = new (string Organisation, string Type)[]
        {
            ("gemeente-vaals", "municipality"), ("swv-po-maastricht-heuvelland", "swv"), ("school-bs-het-palet", "school"),
            ("kinderopvang-de-kleine-wereld", "childcare"), ("jgz-zuid-limburg", "jgz"), ("jeugdhulp-horizon", "youth-care-provider"),
        };
        var wrong = new List<string>();
        foreach (var (organisation, type) in strangers)
        foreach (var (method, path) in actions)
        foreach (var body in new[] { "{", "{}", """{"reason":42,"organisations":"x"}""" })
        {
            var response = await As(organisation, type).SendAsync(new HttpRequestMessage(method, path)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            }, Ct);
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            if (response.StatusCode != HttpStatusCode.NotFound || !problem)
                wrong.Add($"{organisation} {method} {path} {body}: {(int)response.StatusCode} {response.Content.Headers.ContentType}");
        }
        Assert.Empty(wrong);

        // The same bad body from the organisations involved is a 400 (or 409 for a move the state does not allow): they may act.
        var coordinator = await As("gemeente-maastricht", "municipality").PutAsync($"/api/intake/cases/{caseId}/coordinator",
            new StringContent("{", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, coordinator.StatusCode);
    }
}
