using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.TestInfrastructure;

namespace Platform.Funding.Tests;

/// <summary>
/// Answers that never reach the endpoint and its audit filter still leave access-log lines (#25
/// point 7, NEN 7513): a request the authentication layer refuses (the JWT bearer events), and a
/// stored answer replayed to a retry with the same Idempotency-Key.
/// </summary>
public sealed class AuthenticationRefusalTests(TestServersFixture fixture) : FundingTestBase(fixture)
{
    [Fact]
    public async Task A_request_refused_with_401_or_403_leaves_an_access_log_line_without_child_data()
    {
        var id = Guid.NewGuid();
        var anonymous = Funding.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/funding/arrangements/{id}", Ct)).StatusCode);
        // A token for another service's API is no token here.
        var wrongAudience = Funding.WithToken(Funding.Tokens.For(Swv, "intake-api", "swv"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongAudience.PostAsync($"/api/funding/arrangements/{id}/approval", null, Ct)).StatusCode);
        // A valid token without an organisation: the default policy forbids it (403, the bearer's OnForbidden).
        var noOrganisation = Funding.WithToken(Funding.Tokens.For(Swv, "funding-api", "swv", organisationClaim: false));
        Assert.Equal(HttpStatusCode.Forbidden, (await noOrganisation.PostAsync($"/api/funding/arrangements/{id}/rejection", null, Ct)).StatusCode);
        // A route without child-level data (budgets) leaves no line.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/funding/budgets", Ct)).StatusCode);

        var lines = await InDbAsync(db => AuditLines.InOutboxAsync(db, Ct));
        Assert.Equal(3, lines.Count);
        Assert.Equal([("read", "/api/funding/arrangements/{id:guid}"), ("update", "/api/funding/arrangements/{id:guid}/approval"),
            ("update", "/api/funding/arrangements/{id:guid}/rejection")], lines.Select(l => (l.Action, l.Route!)));
        Assert.All(lines, l => Assert.Equal(("arrangement", id.ToString(), "denied", "anonymous", (string?)null, "arrangement"),
            (l.RecordType, l.RecordId, l.Outcome, l.OrganisationId, l.ChildReference, l.Purpose)));
        // The forbidden caller is named by its client, as far as its token says.
        Assert.Equal([null, null, Swv], lines.Select(l => l.ClientId));
    }

    [Fact]
    public async Task An_idempotent_replay_is_an_access_log_line_of_the_record_it_answers_again()
    {
        await FundBothAsync();
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Draft()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/funding/arrangements") { Content = JsonContent.Create(Collective()) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }
        var first = await AsSwv.SendAsync(Draft(), Ct);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        var again = await AsSwv.SendAsync(Draft(), Ct);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());

        var lines = await InDbAsync(db => AuditLines.InOutboxAsync(db, Ct));
        Assert.Equal([("create", "success", Swv), ("replay", "success", Swv)],
            lines.Where(l => l.RecordType == "arrangement" && l.RecordId == id).Select(l => (l.Action, l.Outcome, l.OrganisationId)));
    }
}
