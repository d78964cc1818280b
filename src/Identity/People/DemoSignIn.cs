using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Platform.DemoRegion;

namespace Platform.Identity.People;

/// <summary>
/// Sign-in for the demo region's people, on the sign-in page: pick a demo person and give the demo password
/// (<c>DemoRegion:UserPassword</c>, only in Development configuration). A real region's people sign in through their
/// organisation's identity provider (<see cref="Upstream.UpstreamSignIn"/>); the rest of the flow is the same.
/// </summary>
internal static class DemoSignIn
{
    /// <summary>Where demo people and their shared password may exist: a developer's machine and the test hosts.</summary>
    public static bool IsDemoEnvironment(IHostEnvironment environment) => environment.IsDevelopment() || environment.IsEnvironment("Testing");

    /// <summary>
    /// Whether this platform serves the demo region: a demo environment, unless <c>DemoRegion:Seed</c> is false (a local
    /// platform of another region, started empty: its clients and people are onboarded as data; AppHost's RegionSettings).
    /// </summary>
    public static bool ServesDemoRegion(IHostEnvironment environment, IConfiguration config) =>
        IsDemoEnvironment(environment) && config.GetValue("DemoRegion:Seed", true);

    /// <summary>
    /// The demo form's POST in Development (and the test hosts) only. Anywhere else there is no password login at all, and
    /// a demo setting found in the configuration stops Identity at start-up rather than open a shared password to the world.
    /// </summary>
    public static IEndpointRouteBuilder MapDemoSignIn(this IEndpointRouteBuilder app)
    {
        var environment = app.ServiceProvider.GetRequiredService<IHostEnvironment>();
        var config = app.ServiceProvider.GetRequiredService<IConfiguration>();
        if (!IsDemoEnvironment(environment))
        {
            if (!string.IsNullOrEmpty(config["DemoRegion:UserPassword"]) || config.GetSection("DemoRegion:ClientSecrets").GetChildren().Any())
                throw new InvalidOperationException("DemoRegion settings (the demo password, the demo clients' secrets) are for Development only.");
            return app;
        }
        if (!ServesDemoRegion(environment, config)) return app;
        app.MapPost(SignInPage.Path, SignInAsync).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery antiforgery, IConfiguration config, PeopleStore people,
        Upstream.UpstreamProviderCache providers)
    {
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
        var form = await http.Request.ReadFormAsync();
        var returnUrl = form["returnUrl"].ToString();
        var en = form["lang"].ToString() == "en";
        // A demo person is one of the demo region's, registered in the people store by the seed step (and not disabled since).
        var demo = DemoPeople.Find(form["user"]);
        var person = demo is null ? null : await people.FindActiveAsync(demo.Id, http.RequestAborted);
        var password = config["DemoRegion:UserPassword"];
        if (person is null || string.IsNullOrEmpty(password) || !CryptographicEquals(form["password"].ToString(), password))
            return SignInPage.Render(http, antiforgery, await providers.ActiveAsync(http.RequestAborted), demo: true, returnUrl, en, error: "password");

        var identity = new ClaimsIdentity(SignInPage.Scheme, "sub", "role");
        identity.AddClaim(new Claim("sub", person.Id));
        identity.AddClaim(new Claim("name", person.Name));
        await http.SignInAsync(SignInPage.Scheme, new ClaimsPrincipal(identity));
        return Results.Redirect(SignInPage.IsAuthorizeRequest(returnUrl) ? returnUrl : "/");
    }

    private static bool CryptographicEquals(string given, string expected) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    /// <summary>The demo form on the sign-in page; <paramref name="hidden"/> holds the page's antiforgery token and where to go back to.</summary>
    public static string Form(string hidden, bool en, bool wrongPassword)
    {
        string T(string nl, string english) => WebUtility.HtmlEncode(en ? english : nl);
        var options = new StringBuilder();
        foreach (var p in DemoPeople.All)
            options.Append($"<option value=\"{WebUtility.HtmlEncode(p.Id)}\">{WebUtility.HtmlEncode($"{p.Name}, {p.Function} ({p.OrganisationId})")}</option>");
        return $$"""
            <h2>{{T("Demoregio", "Demo region")}}</h2>
            <p class="hint">{{T("Demoregio Zuid-Limburg: kies een demogebruiker.", "Demo region South Limburg: choose a demo user.")}}</p>
            {{(wrongPassword ? $"<p class=\"error\" role=\"alert\">{T("Gebruiker of wachtwoord klopt niet.", "User or password is not right.")}</p>" : "")}}
            <form method="post" action="{{SignInPage.Path}}">
              {{hidden}}
              <label for="user">{{T("Gebruiker", "User")}}</label>
              <select id="user" name="user" autocomplete="username">{{options}}</select>
              <label for="password">{{T("Wachtwoord", "Password")}}</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required>
              <button type="submit">{{T("Inloggen", "Sign in")}}</button>
            </form>
            """;
    }
}
