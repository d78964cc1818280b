using System.Net;
using Platform.TestInfrastructure;

namespace Platform.Identity.Tests;

/// <summary>
/// Signing out at Identity (<c>/connect/logout</c>) only when the person asked for it: a link or an image on another
/// site (a GET without the person's ID token as <c>id_token_hint</c>) gets a page that asks, and the sign-in stays;
/// the page's own form (a POST with its antiforgery token) signs out and goes back to the portal; a POST without that
/// token asks again. (The portal's own sign-out, with the hint, is the end-to-end PortalTests' sign-out.)
/// </summary>
public sealed class EndSessionTests(TestServersFixture fixture) : IAsyncLifetime
{
    private const string Portal = PortalSignInServer.Portal;
    private PortalSignInServer _server = null!;
    private DemoBrowser _browser = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await PortalSignInServer.StartAsync(fixture.Servers, new Dictionary<string, string> { ["DemoRegion:UserPassword"] = DemoBrowser.Password });
        _browser = new DemoBrowser(_server.Identity);
        await _browser.SignInAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _browser.Dispose();
        await _server.DisposeAsync();
    }

    private static string Logout => $"/connect/logout?client_id=portal&post_logout_redirect_uri={Uri.EscapeDataString($"{Portal}/signout-callback-oidc")}&state=s1";

    [Fact]
    public async Task A_sign_out_link_from_elsewhere_asks_the_person_and_leaves_the_sign_in()
    {
        using var response = await _browser.Client.GetAsync(Logout, Ct);
        var page = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<form method=\"post\" action=\"/connect/logout\">", page);
        Assert.True(_browser.SignedIn, "A GET from another site signed the person out.");
    }

    [Fact]
    public async Task The_pages_own_form_signs_out_and_returns_to_the_portal()
    {
        using var asked = await _browser.Client.GetAsync(Logout, Ct);
        var form = DemoBrowser.Fields(await asked.Content.ReadAsStringAsync(Ct));

        using var response = await _browser.Client.PostAsync("/connect/logout", new FormUrlEncodedContent(form), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"{Portal}/signout-callback-oidc", response.Headers.Location!.ToString());
        Assert.Contains("state=s1", response.Headers.Location!.Query);
        Assert.False(_browser.SignedIn, "The confirmed sign-out left Identity's sign-in cookie.");
    }

    [Fact]
    public async Task A_post_without_the_pages_antiforgery_token_asks_again()
    {
        using var asked = await _browser.Client.GetAsync(Logout, Ct);
        var form = DemoBrowser.Fields(await asked.Content.ReadAsStringAsync(Ct)).Where(f => !f.Key.StartsWith("__RequestVerificationToken", StringComparison.Ordinal));

        using var response = await _browser.Client.PostAsync("/connect/logout", new FormUrlEncodedContent(form), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<form method=\"post\"", await response.Content.ReadAsStringAsync(Ct));
        Assert.True(_browser.SignedIn);
    }
}
