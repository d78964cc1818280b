using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Platform.DemoRegion;
using Platform.TestInfrastructure;

namespace Platform.Identity.Tests;

/// <summary>
/// Signing out at Identity (<c>/connect/logout</c>) only when the person asked for it: a link or an image on another
/// site (a GET without the person's ID token as <c>id_token_hint</c>) gets a page that asks, and the sign-in stays;
/// the page's own form (a POST with its antiforgery token) signs out and goes back to the portal; a POST without that
/// token asks again. (The portal's own sign-out, with the hint, is the end-to-end PortalTests' sign-out.)
/// </summary>
public sealed partial class EndSessionTests(TestServersFixture fixture) : IAsyncLifetime
{
    private const string Portal = PortalSignInServer.Portal;
    private const string Password = "demo-test-password";
    private PortalSignInServer _server = null!;
    private HttpClient _browser = null!;
    private readonly CookieContainer _cookies = new();
    private static readonly Uri Origin = new("http://localhost");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await PortalSignInServer.StartAsync(fixture.Servers, new Dictionary<string, string> { ["DemoRegion:UserPassword"] = Password });
        // A browser: keeps its cookies, follows no redirect (the test looks at each answer).
        _browser = _server.Identity.CreateDefaultClient(Origin, new CookieContainerHandler(_cookies));
        await SignInAsync();
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
        using var response = await _browser.GetAsync(Logout, Ct);
        var page = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<form method=\"post\" action=\"/connect/logout\">", page);
        Assert.True(SignedIn, "A GET from another site signed the person out.");
    }

    [Fact]
    public async Task The_pages_own_form_signs_out_and_returns_to_the_portal()
    {
        using var asked = await _browser.GetAsync(Logout, Ct);
        var form = Fields(await asked.Content.ReadAsStringAsync(Ct));

        using var response = await _browser.PostAsync("/connect/logout", new FormUrlEncodedContent(form), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"{Portal}/signout-callback-oidc", response.Headers.Location!.ToString());
        Assert.Contains("state=s1", response.Headers.Location!.Query);
        Assert.False(SignedIn, "The confirmed sign-out left Identity's sign-in cookie.");
    }

    [Fact]
    public async Task A_post_without_the_pages_antiforgery_token_asks_again()
    {
        using var asked = await _browser.GetAsync(Logout, Ct);
        var form = Fields(await asked.Content.ReadAsStringAsync(Ct)).Where(f => !f.Key.StartsWith("__RequestVerificationToken", StringComparison.Ordinal));

        using var response = await _browser.PostAsync("/connect/logout", new FormUrlEncodedContent(form), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<form method=\"post\"", await response.Content.ReadAsStringAsync(Ct));
        Assert.True(SignedIn);
    }

    private async Task SignInAsync()
    {
        var form = Fields(await _browser.GetStringAsync("/account/login", Ct));
        form["user"] = DemoPeople.All[0].Id;
        form["password"] = Password;
        using var response = await _browser.PostAsync("/account/login", new FormUrlEncodedContent(form), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(SignedIn, "The demo sign-in did not sign in.");
    }

    /// <summary>Signed in: the browser holds Identity's sign-in cookie (a sign-out's Set-Cookie expires it there).</summary>
    private bool SignedIn => _cookies.GetCookies(Origin).Any(c => c.Name == "village.identity" && !c.Expired && c.Value.Length > 0);

    private static Dictionary<string, string> Fields(string page) =>
        HiddenField().Matches(page).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
}
