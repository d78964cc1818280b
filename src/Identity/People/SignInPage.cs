using System.Net;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Platform.Identity.Upstream;

namespace Platform.Identity.People;

/// <summary>
/// <c>/account/login</c>: where <c>/connect/authorize</c> sends a person who is not signed in. It offers the identity
/// providers of the region's organisations (each a button: the person signs in at their own organisation), and in
/// Development the demo people. The person's session here is a cookie of its own (<see cref="Scheme"/>), holding only the
/// platform's person id; what their tokens say is made at each token from the people store.
/// </summary>
internal static class SignInPage
{
    public const string Scheme = "people";
    public const string Path = "/account/login";

    public static IServiceCollection AddPersonSession(this IServiceCollection services)
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
        services.AddScoped<PeopleStore>();
        return services;
    }

    public static IEndpointRouteBuilder MapSignInPage(this IEndpointRouteBuilder app)
    {
        var demo = DemoSignIn.ServesDemoRegion(app.ServiceProvider.GetRequiredService<IHostEnvironment>(), app.ServiceProvider.GetRequiredService<IConfiguration>());
        app.MapGet(Path, async (HttpContext http, IAntiforgery antiforgery, UpstreamProviderCache providers, string? returnUrl, string? lang, string? error) =>
            Render(http, antiforgery, await providers.ActiveAsync(http.RequestAborted), demo, returnUrl, lang == "en", error))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>Only back into this server's own authorization endpoint: never an open redirect.</summary>
    public static bool IsAuthorizeRequest(string? url) =>
        url is not null && url.StartsWith("/connect/authorize?", StringComparison.Ordinal) && !url.Contains("//", StringComparison.Ordinal) && !url.Contains('\\')
        && !url.Any(char.IsControl);

    /// <param name="error"><c>password</c> (the demo form), <c>upstream</c> (the organisation's provider did not sign the person in).</param>
    public static IResult Render(HttpContext http, IAntiforgery antiforgery, IReadOnlyList<ActiveProvider> providers, bool demo,
        string? returnUrl, bool en, string? error)
    {
        string T(string nl, string english) => WebUtility.HtmlEncode(en ? english : nl);
        if (providers.Count == 0 && !demo)
            return IdentityPage.Render(en, en ? "Sign in" : "Inloggen", $"<h1>{T("Inloggen via uw organisatie", "Sign in through your organisation")}</h1><p>{T(
                "Dit platform heeft geen eigen wachtwoorden: u logt in via de inlogvoorziening van uw organisatie, die het regiobureau aansluit. Vraag het de beheerder van uw organisatie.",
                "This platform has no passwords of its own: people sign in through their organisation's identity provider, which the region's office connects. Ask your organisation's administrator.")}</p>");

        var tokens = antiforgery.GetAndStoreTokens(http);
        var hidden = $"""
            <input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">
            <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl ?? "")}">
            <input type="hidden" name="lang" value="{(en ? "en" : "nl")}">
            """;
        var main = new StringBuilder($"<h1>{T("Inloggen bij It takes a village", "Sign in to It takes a village")}</h1>");
        if (error == "upstream")
            main.Append($"<p class=\"error\" role=\"alert\">{T("Inloggen bij uw organisatie is niet gelukt. Probeer het opnieuw.", "Signing in at your organisation did not succeed. Please try again.")}</p>");
        if (providers.Count > 0)
        {
            main.Append($"<p>{T("Log in via uw organisatie:", "Sign in through your organisation:")}</p><form method=\"post\" action=\"{UpstreamSignIn.Path}\" class=\"providers\">{hidden}");
            foreach (var provider in providers.OrderBy(p => p.DisplayName, StringComparer.CurrentCulture))
                main.Append($"<button type=\"submit\" name=\"provider\" value=\"{WebUtility.HtmlEncode(provider.Id)}\">{WebUtility.HtmlEncode(provider.DisplayName)}</button> ");
            main.Append("</form>");
        }
        if (demo) main.Append(DemoSignIn.Form(hidden, en, error == "password"));
        return IdentityPage.Render(en, en ? "Sign in" : "Inloggen", main.ToString());
    }
}
