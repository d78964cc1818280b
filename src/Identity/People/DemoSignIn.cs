using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Platform.DemoRegion;

namespace Platform.Identity.People;

/// <summary>
/// Sign-in for people, for the demo region: pick a demo user and give the demo password
/// (<c>DemoRegion:UserPassword</c>, only in Development configuration). A real region signs people in
/// through its own identity provider (eHerkenning, the municipality's or school board's Entra ID)
/// federated here; the rest of the flow (authorization code with PKCE) stays the same.
/// </summary>
internal static class DemoSignIn
{
    public const string Scheme = "people";
    public const string Path = "/account/login";

    public static IServiceCollection AddDemoSignIn(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.LoginPath = Path;
            o.Cookie.Name = "village.identity";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = false;
        });
        services.AddAntiforgery(o => o.Cookie.Name = "village.identity.af");
        return services;
    }

    /// <summary>Where demo people and their shared password may exist: a developer's machine and the test hosts.</summary>
    public static bool IsDemoEnvironment(IHostEnvironment environment) => environment.IsDevelopment() || environment.IsEnvironment("Testing");

    /// <summary>
    /// The demo page and its password in Development (and the test hosts) only. Anywhere else there is no password
    /// login at all: <c>/account/login</c> says that people sign in through their organisation, and a demo setting
    /// found in the configuration stops Identity at start-up rather than open a shared password to the world.
    /// </summary>
    public static IEndpointRouteBuilder MapDemoSignIn(this IEndpointRouteBuilder app)
    {
        var environment = app.ServiceProvider.GetRequiredService<IHostEnvironment>();
        if (!IsDemoEnvironment(environment))
        {
            var config = app.ServiceProvider.GetRequiredService<IConfiguration>();
            if (!string.IsNullOrEmpty(config["DemoRegion:UserPassword"]) || config.GetSection("DemoRegion:ClientSecrets").GetChildren().Any())
                throw new InvalidOperationException("DemoRegion settings (the demo password, the demo clients' secrets) are for Development only.");
            app.MapGet(Path, (string? lang) => NoPasswordLogin(lang == "en")).AllowAnonymous().ExcludeFromDescription();
            return app;
        }
        app.MapGet(Path, (HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? lang) =>
            Page(http, antiforgery, returnUrl, lang, error: false)).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(Path, SignInAsync).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private static IResult NoPasswordLogin(bool en) => IdentityPage.Render(en, en ? "Sign in" : "Inloggen", en
        ? "<h1>Sign in through your organisation</h1><p>This platform has no passwords of its own: people sign in through their organisation's identity provider, which the region's office connects. Ask your organisation's administrator.</p>"
        : "<h1>Inloggen via uw organisatie</h1><p>Dit platform heeft geen eigen wachtwoorden: u logt in via de inlogvoorziening van uw organisatie, die het regiobureau aansluit. Vraag het de beheerder van uw organisatie.</p>");

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery antiforgery, IConfiguration config)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
        var form = await http.Request.ReadFormAsync();
        var returnUrl = form["returnUrl"].ToString();
        var lang = form["lang"].ToString();
        var person = DemoPeople.Find(form["user"]);
        var password = config["DemoRegion:UserPassword"];
        if (person is null || string.IsNullOrEmpty(password) || !CryptographicEquals(form["password"].ToString(), password))
            return Page(http, antiforgery, returnUrl, lang, error: true);

        var identity = new ClaimsIdentity(Scheme, "sub", "role");
        identity.AddClaim(new Claim("sub", person.Id));
        identity.AddClaim(new Claim("name", person.Name));
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity));
        // Only back into this server's own authorization endpoint: never an open redirect.
        return Results.Redirect(IsAuthorizeRequest(returnUrl) ? returnUrl : "/");
    }

    private static bool IsAuthorizeRequest(string url) =>
        url.StartsWith("/connect/authorize?", StringComparison.Ordinal) && !url.Contains("//", StringComparison.Ordinal) && !url.Contains('\\');

    private static bool CryptographicEquals(string given, string expected) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? lang, bool error)
    {
        var en = lang == "en";
        var tokens = antiforgery.GetAndStoreTokens(http);
        string T(string nl, string english) => WebUtility.HtmlEncode(en ? english : nl);
        var options = new StringBuilder();
        foreach (var p in DemoPeople.All)
            options.Append($"<option value=\"{WebUtility.HtmlEncode(p.Id)}\">{WebUtility.HtmlEncode($"{p.Name}, {p.Function} ({p.OrganisationId})")}</option>");
        var main = $$"""
            <h1>{{T("Inloggen bij It takes a village", "Sign in to It takes a village")}}</h1>
            <p class="hint">{{T("Demoregio Zuid-Limburg: kies een demogebruiker.", "Demo region South Limburg: choose a demo user.")}}</p>
            {{(error ? $"<p class=\"error\" role=\"alert\">{T("Gebruiker of wachtwoord klopt niet.", "User or password is not right.")}</p>" : "")}}
            <form method="post" action="{{Path}}">
              <input type="hidden" name="{{tokens.FormFieldName}}" value="{{tokens.RequestToken}}">
              <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl ?? "")}}">
              <input type="hidden" name="lang" value="{{(en ? "en" : "nl")}}">
              <label for="user">{{T("Gebruiker", "User")}}</label>
              <select id="user" name="user" autocomplete="username">{{options}}</select>
              <label for="password">{{T("Wachtwoord", "Password")}}</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required>
              <button type="submit">{{T("Inloggen", "Sign in")}}</button>
            </form>
            """;
        return IdentityPage.Render(en, en ? "Sign in" : "Inloggen", main);
    }
}
