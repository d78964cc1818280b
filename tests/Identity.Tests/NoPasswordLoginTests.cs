using System.Net;
using Platform.TestInfrastructure;

namespace Platform.Identity.Tests;

/// <summary>
/// #26: outside Development there is no password login at all. The demo page and the demo people exist only where the
/// demo region does (Development, and the test hosts' "Testing"); a real region's Identity says that people sign in
/// through their organisation, and refuses to start with a demo setting in its configuration.
/// </summary>
public sealed class NoPasswordLoginTests(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly string _certificates = Directory.CreateTempSubdirectory("signing-").FullName;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_certificates, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Production_has_no_password_form_and_no_demo_client()
    {
        var now = DateTimeOffset.UtcNow;
        var certificate = SigningCertificates.Create(_certificates, "current", now.AddDays(-1), now.AddDays(60));
        await using var identity = new IdentityFactory(await IdentityFactory.NewDatabaseAsync(fixture.Servers), [certificate]) { Environment = "Production" };
        using var http = identity.CreateClient();

        var page = await http.GetStringAsync("/account/login", Ct);
        Assert.Contains("Inloggen via uw organisatie", page);
        Assert.DoesNotContain("<form", page);
        Assert.DoesNotContain("password", page);
        using var posted = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = "dirk.janssen", ["password"] = "village",
        }), Ct);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, posted.StatusCode);
        // No demo client either: the region's office onboards clients (docs/identity.md).
        using var token = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = IdentityFactory.Client, ["client_secret"] = IdentityFactory.Secret,
        }), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
    }

    [Fact]
    public async Task A_demo_setting_outside_Development_stops_Identity_at_start_up()
    {
        var now = DateTimeOffset.UtcNow;
        var certificate = SigningCertificates.Create(_certificates, "current", now.AddDays(-1), now.AddDays(60));
        await using var identity = new IdentityFactory(await IdentityFactory.NewDatabaseAsync(fixture.Servers), [certificate],
            new Dictionary<string, string> { ["DemoRegion:UserPassword"] = "village" }) { Environment = "Production" };
        var refused = Assert.Throws<InvalidOperationException>(() => identity.CreateClient());
        Assert.Contains("Development only", refused.Message);
    }
}
