using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.EndToEnd.Tests.Onboarding;

/// <summary>
/// An organisation's own OpenID Connect provider, as a municipality's Entra ID would be to the platform: a second OpenIddict
/// server, started by the test on this machine, with one client (the platform's Identity, confidential, PKCE) and a sign-in
/// page of its own where a person gives their user name. The subject it vouches for is that user name. Nothing of the
/// platform's code runs here: Identity finds it through its discovery document like any provider.
/// </summary>
public sealed class UpstreamIdentityProvider : IAsyncDisposable
{
    private const string PersonScheme = "upstream-person";
    private readonly WebApplication _app;

    private UpstreamIdentityProvider(WebApplication app, string authority) => (_app, Authority) = (app, authority);

    /// <summary>The issuer, e.g. http://127.0.0.1:41234 (a loopback address: Identity allows plain http only for such, in Development).</summary>
    public string Authority { get; }

    public static async Task<UpstreamIdentityProvider> StartAsync(string clientId, string clientSecret, Uri redirectUri)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var store = $"upstream-{Guid.NewGuid():N}";
        builder.Services.AddDbContext<DbContext>(o => o.UseInMemoryDatabase(store).UseOpenIddict());
        builder.Services.AddAuthentication().AddCookie(PersonScheme, o => o.Cookie.Name = "upstream.person");
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<DbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                server.RegisterScopes(Scopes.OpenId, Scopes.Profile);
                server.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        var app = builder.Build();
        app.UseAuthentication();
        app.MapGet("/login", (string returnUrl) => Results.Content($"""
            <!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Gemeente (testaanbieder)</title></head><body><main>
            <h1>Inloggen bij de gemeente</h1>
            <form method="post" action="/login">
              <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}">
              <label for="username">Gebruikersnaam bij de gemeente</label> <input id="username" name="username" required>
              <button type="submit">Inloggen bij de gemeente</button>
            </form></main></body></html>
            """, "text/html; charset=utf-8"));
        app.MapPost("/login", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            var identity = new ClaimsIdentity(PersonScheme);
            identity.AddClaim(new Claim(Claims.Subject, form["username"].ToString()));
            await http.SignInAsync(PersonScheme, new ClaimsPrincipal(identity));
            var back = form["returnUrl"].ToString();
            return Results.Redirect(back.StartsWith("/connect/authorize?", StringComparison.Ordinal) ? back : "/");
        });
        app.MapMethods("/connect/authorize", ["GET", "POST"], async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest()!;
            var person = await http.AuthenticateAsync(PersonScheme);
            if (!person.Succeeded) return Results.Redirect($"/login?returnUrl={Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)}");
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, person.Principal!.FindFirstValue(Claims.Subject));
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await app.StartAsync();
        var authority = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Its discovery document and keys once, as a running provider has long served them: the first request makes the
        // server's keys and compiles its pipeline, seconds on a loaded machine, which must not fall into Identity's first
        // sign-in (a CI run's gateway answered that one 503 after 15 s).
        using (var warmUp = new HttpClient { BaseAddress = new Uri(authority) })
        {
            (await warmUp.GetAsync("/.well-known/openid-configuration")).EnsureSuccessStatusCode();
            (await warmUp.GetAsync("/.well-known/jwks")).EnsureSuccessStatusCode();
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = clientSecret,
            ClientType = ClientTypes.Confidential,
            RedirectUris = { redirectUri },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code, Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
        return new UpstreamIdentityProvider(app, authority);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
