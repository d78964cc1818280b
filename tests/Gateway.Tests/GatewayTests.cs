using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Platform.TestInfrastructure;

namespace Platform.Gateway.Tests;

public sealed class GatewayTests : IAsyncLifetime
{
    private readonly TestTokens _tokens = new();
    private EchoBackend _backend = null!;
    private GatewayFactory _gateway = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _backend = await EchoBackend.StartAsync();
        _gateway = new GatewayFactory(_backend, _tokens);
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    private HttpClient Client(string? token = null)
    {
        var client = _gateway.CreateClient();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_service_that_does_not_answer_is_a_503_with_Retry_After_and_a_problem_not_a_502()
    {
        // Nothing listens on port 1: the connection is refused, as while a service (or Identity) restarts.
        await using var gateway = _gateway.WithWebHostBuilder(b =>
            b.UseSetting("ReverseProxy:Clusters:intake:Destinations:intake:Address", "http://127.0.0.1:1"));
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.For("school-a", "intake-api"));

        var response = await client.GetAsync("/api/intake/referrals/1", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused_before_it_reaches_a_service()
    {
        var response = await Client().GetAsync("/api/intake/referrals/1", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(0, _backend.Hits);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var expired = _tokens.For("school-a", "intake-api", issuedAt: DateTime.UtcNow.AddHours(-2), lifetime: TimeSpan.FromMinutes(15));

        var response = await Client(expired).GetAsync("/api/intake/referrals/1", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("expired", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(0, _backend.Hits);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_refused()
    {
        var response = await Client(_tokens.Forged("school-a", "intake-api")).GetAsync("/api/intake/referrals/1", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _backend.Hits);
    }

    [Fact]
    public async Task A_token_for_another_service_does_not_open_this_one()
    {
        var monitoringOnly = _tokens.For("school-a", "monitoring-api");

        var intake = await Client(monitoringOnly).GetAsync("/api/intake/referrals/1", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, intake.StatusCode);
        Assert.Equal(0, _backend.Hits);

        var monitoring = await Client(monitoringOnly).GetAsync("/api/monitoring/indicators", Ct);
        Assert.Equal(HttpStatusCode.OK, monitoring.StatusCode);
    }

    [Fact]
    public async Task A_valid_request_is_forwarded_with_its_token_and_trace_context()
    {
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/intake/referrals/1");
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        var response = await Client(_tokens.For("school-a", "intake-api")).SendAsync(request, Ct);

        Assert.True(response.StatusCode == HttpStatusCode.OK, response.Headers.WwwAuthenticate.ToString());
        var echoed = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("/api/intake/referrals/1", echoed.GetProperty("path").GetString());
        Assert.True(echoed.GetProperty("authorization").GetBoolean(), "the service needs the token to validate it again");
        Assert.Contains(traceId, echoed.GetProperty("traceparent").GetString());
    }

    [Fact]
    public async Task Answers_carry_the_edge_headers_a_JSON_answer_may_load_and_be_framed_by_nothing_and_a_page_only_its_own_styles()
    {
        var json = await Client(_tokens.For("school-a", "intake-api")).GetAsync("/api/intake/referrals/1", Ct);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("nosniff", json.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", json.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'", json.Headers.GetValues("Content-Security-Policy").Single());
        // Plain HTTP here: HSTS only rides on HTTPS (a browser ignores it on HTTP anyway).
        Assert.False(json.Headers.Contains("Strict-Transport-Security"));

        var page = await Client(_tokens.For("regio", "monitoring-api")).GetAsync("/api/monitoring/dashboard", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("style-src 'unsafe-inline'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("script-src", policy);

        // Over HTTPS (in production the ingress's, forwarded as X-Forwarded-Proto by a trusted proxy): HSTS for a year.
        var https = _gateway.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        https.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.For("school-a", "intake-api"));
        var secure = await https.GetAsync("/api/intake/referrals/1", Ct);
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", secure.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task OpenAPI_documents_are_public()
    {
        var response = await Client().GetAsync("/api/intake/openapi/v1.json", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _backend.Hits);
    }

    [Fact]
    public async Task A_client_over_its_rate_gets_429_with_Retry_After_and_others_are_not_affected()
    {
        var busy = Client(_tokens.For("school-busy", "intake-api"));
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < GatewayFactory.Burst + 3; i++)
            responses.Add(await busy.GetAsync("/api/intake/referrals/1", Ct));

        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1)));
        Assert.Equal("application/problem+json", limited[0].Content.Headers.ContentType?.MediaType);

        var other = await Client(_tokens.For("school-calm", "intake-api")).GetAsync("/api/intake/referrals/1", Ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_and_is_not_forwarded()
    {
        var body = new StringContent(new string('x', GatewayFactory.MaxBody + 1), System.Text.Encoding.UTF8, "application/json");

        var response = await Client(_tokens.For("school-a", "intake-api")).PostAsync("/api/intake/referrals", body, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, _backend.Hits);
    }
}
