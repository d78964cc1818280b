using System.Net;
using Platform.TestInfrastructure;

namespace Platform.Funding.Tests;

/// <summary>
/// A request the authentication layer refuses never reaches the endpoint and its audit filter; the JWT
/// bearer events leave its access-log line (#25 point 7, NEN 7513: denied attempts are logged too).
/// </summary>
public sealed class AuthenticationRefusalTests(TestServersFixture fixture) : FundingTestBase(fixture)
{
    [Fact]
    public async Task A_request_refused_with_401_leaves_an_access_log_line_without_child_data()
    {
        var id = Guid.NewGuid();
        var anonymous = Funding.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/funding/arrangements/{id}", Ct)).StatusCode);
        // A token for another service's API is no token here.
        var wrongAudience = Funding.WithToken(Funding.Tokens.For(Swv, "intake-api", "swv"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongAudience.PostAsync($"/api/funding/arrangements/{id}/approval", null, Ct)).StatusCode);
        // A route without child-level data (budgets) leaves no line.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/funding/budgets", Ct)).StatusCode);

        var lines = await InDbAsync(db => AuditLines.InOutboxAsync(db, Ct));
        Assert.Equal(2, lines.Count);
        Assert.Equal([("read", "/api/funding/arrangements/{id:guid}"), ("update", "/api/funding/arrangements/{id:guid}/approval")],
            lines.Select(l => (l.Action, l.Route!)));
        Assert.All(lines, l => Assert.Equal(("arrangement", id.ToString(), "denied", "anonymous", (string?)null, "arrangement"),
            (l.RecordType, l.RecordId, l.Outcome, l.OrganisationId, l.ChildReference, l.Purpose)));
    }
}
