using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Platform.Identity.People;

namespace Platform.Identity.Upstream;

/// <summary>
/// A person signs in at their organisation's identity provider. The sign-in page's button posts here; Identity sends the
/// person to the provider (authorization code with PKCE); the provider's answer comes back to the provider's callback,
/// where the identity it vouches for is mapped to a person of one of the organisations the provider serves, registered
/// by that organisation's own administrator (<see cref="PeopleApi"/>). Nothing else of the upstream identity is kept: the
/// session holds the platform's person id, and the tokens are made from the people store as for anyone.
/// </summary>
internal static partial class UpstreamSignIn
{
    public const string Path = "/account/login/upstream";
    public const string NotKnownPath = "/account/not-known";
    private const string LanguageItem = "lang";

    public static IEndpointRouteBuilder MapUpstreamSignIn(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ChallengeAsync).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        app.MapGet(NotKnownPath, async (UpstreamProviderCache providers, string? provider, string? lang, CancellationToken ct) =>
        {
            var en = lang == "en";
            var name = provider is null ? null : (await providers.FindAsync(provider, version: null, ct))?.DisplayName;
            string T(string nl, string english) => WebUtility.HtmlEncode(en ? english : nl);
            var at = name is null ? "" : WebUtility.HtmlEncode(en ? $" at {name}" : $" bij {name}");
            return IdentityPage.Render(en, en ? "Not registered" : "Niet aangemeld", $"""
                <h1>{T("U bent nog niet aangemeld voor dit platform", "You are not registered for this platform yet")}</h1>
                <p>{T("U bent ingelogd", "You signed in")}{at}, {T(
                    "maar uw organisatie heeft u hier nog niet aangemeld, of uw aanmelding is beëindigd. De beheerder van uw organisatie meldt u aan en geeft u de rollen voor uw werk.",
                    "but your organisation has not registered you here, or ended your registration. Your organisation's administrator registers you and gives you the roles your work needs.")}</p>
                <p><a href="{SignInPage.Path}?lang={(en ? "en" : "nl")}">{T("Terug naar inloggen", "Back to sign-in")}</a></p>
                """);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ChallengeAsync(HttpContext http, IAntiforgery antiforgery, UpstreamProviderCache providers)
    {
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
        var form = await http.Request.ReadFormAsync();
        var returnUrl = form["returnUrl"].ToString();
        var lang = form["lang"].ToString() == "en" ? "en" : "nl";
        if (await providers.FindAsync(form["provider"].ToString(), version: null, http.RequestAborted) is not { } provider)
            return Results.Redirect($"{SignInPage.Path}?lang={lang}&error=upstream&returnUrl={Uri.EscapeDataString(returnUrl)}");
        var properties = new AuthenticationProperties { RedirectUri = SignInPage.IsAuthorizeRequest(returnUrl) ? returnUrl : "/" };
        properties.Items[LanguageItem] = lang;
        properties.Items["provider"] = provider.Id;
        return Results.Challenge(properties, [provider.SchemeName]);
    }

    public static OpenIdConnectEvents EventsFor(ActiveProvider provider) => new()
    {
        OnRedirectToIdentityProvider = context =>
        {
            // The provider shows its own pages in the person's language.
            if (context.Properties.Items.TryGetValue(LanguageItem, out var lang) && lang is not null) context.ProtocolMessage.UiLocales = lang;
            LogSentToProvider(Logger(context.HttpContext), provider.Id);
            return Task.CompletedTask;
        },
        OnTicketReceived = context => MapToPersonAsync(context, provider),
        OnRemoteFailure = context =>
        {
            // The provider refused, the person cancelled, or the answer did not check out (state, nonce, signature): back to
            // the sign-in page, which says so. The reason goes to the log, with no upstream identity in it.
            LogRemoteFailure(Logger(context.HttpContext), provider.Id, context.Failure?.GetType().Name ?? "unknown", context.Failure?.Message ?? "");
            var lang = context.Properties?.Items.TryGetValue(LanguageItem, out var l) == true && l == "en" ? "en" : "nl";
            var back = context.Properties?.RedirectUri is { } uri && SignInPage.IsAuthorizeRequest(uri) ? $"&returnUrl={Uri.EscapeDataString(uri)}" : "";
            context.Response.Redirect($"{SignInPage.Path}?lang={lang}&error=upstream{back}");
            context.HandleResponse();
            return Task.CompletedTask;
        },
    };

    /// <summary>
    /// The upstream identity to the platform's person: the provider's subject claim, registered for this provider by the
    /// person's organisation, of an organisation this provider serves, not disabled. Anyone else is told, without their
    /// session, that their organisation has not registered them.
    /// </summary>
    private static async Task MapToPersonAsync(TicketReceivedContext context, ActiveProvider provider)
    {
        // Exactly one value: a token carrying the subject claim twice is not taken at its first (or last) word.
        var subjects = context.Principal?.FindAll(provider.SubjectClaim).Select(c => c.Value).Distinct().ToList() ?? [];
        var subject = subjects.Count == 1 ? subjects[0] : null;
        var people = context.HttpContext.RequestServices.GetRequiredService<PeopleStore>();
        var person = subject is null ? null : await people.FindByLoginAsync(provider.Id, subject, context.HttpContext.RequestAborted);
        if (person is null || !provider.OrganisationIds.Contains(person.OrganisationId))
        {
            LogNotKnown(Logger(context.HttpContext), provider.Id, subject is null ? $"no single '{provider.SubjectClaim}' claim" : "no registered person");
            var lang = context.Properties?.Items.TryGetValue(LanguageItem, out var l) == true && l == "en" ? "en" : "nl";
            context.Response.Redirect($"{NotKnownPath}?provider={Uri.EscapeDataString(provider.Id)}&lang={lang}");
            context.HandleResponse();
            return;
        }
        var identity = new ClaimsIdentity(SignInPage.Scheme, "sub", "role");
        identity.AddClaim(new Claim("sub", person.Id));
        identity.AddClaim(new Claim("name", person.Name));
        // Which provider vouched for the person: the sign-out and the access log can tell a federated session from a demo one.
        identity.AddClaim(new Claim("idp", provider.Id));
        context.Principal = new ClaimsPrincipal(identity);
        LogSignedIn(Logger(context.HttpContext), provider.Id);
    }

    private static ILogger Logger(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(UpstreamSignIn));

    [LoggerMessage(Level = LogLevel.Information, Message = "A person is sent to the upstream provider {Provider} to sign in.")]
    private static partial void LogSentToProvider(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "A person signed in through the upstream provider {Provider}.")]
    private static partial void LogSignedIn(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sign-in through the upstream provider {Provider} found no person: {Why}.")]
    private static partial void LogNotKnown(ILogger logger, string provider, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sign-in through the upstream provider {Provider} failed: {Failure}: {Message}")]
    private static partial void LogRemoteFailure(ILogger logger, string provider, string failure, string message);
}
