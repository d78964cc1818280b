using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Platform.DemoRegion;

namespace Platform.Identity.Tests;

/// <summary>
/// A person's browser at Identity: keeps its cookies, follows no redirect (a test looks at each answer), and signs in
/// on the demo sign-in page as a demo person (the first one unless told) (<see cref="PortalSignInServer"/> sets the demo password).
/// </summary>
public sealed partial class DemoBrowser : IDisposable
{
    public const string Password = "demo-test-password";
    private static readonly Uri Origin = new("http://localhost");
    private readonly CookieContainer _cookies = new();

    public DemoBrowser(IdentityFactory identity) => Client = identity.CreateDefaultClient(Origin, new CookieContainerHandler(_cookies));

    public HttpClient Client { get; }

    /// <summary>Signed in: the browser holds Identity's sign-in cookie (a sign-out's Set-Cookie expires it there).</summary>
    public bool SignedIn => _cookies.GetCookies(Origin).Any(c => c.Name == "village.identity" && !c.Expired && c.Value.Length > 0);

    public async Task SignInAsync(CancellationToken ct, string? person = null)
    {
        var form = Fields(await Client.GetStringAsync("/account/login", ct));
        form["user"] = person ?? DemoPeople.All[0].Id;
        form["password"] = Password;
        using var response = await Client.PostAsync("/account/login", new FormUrlEncodedContent(form), ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(SignedIn, "The demo sign-in did not sign in.");
    }

    /// <summary>A page's hidden form fields (its antiforgery token among them), as the browser would post them back.</summary>
    public static Dictionary<string, string> Fields(string page) =>
        HiddenField().Matches(page).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
}
