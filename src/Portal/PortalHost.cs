using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Portal.Api;
using Platform.Data;
using Platform.Portal.Components;
using Platform.Portal.Infrastructure;
using Platform.Portal.Localisation;
using Platform.ServiceDefaults;

namespace Platform.Portal;

/// <summary>
/// The portal's host: Blazor static SSR behind the gateway at /portal, people signed in at Identity,
/// every page made from what the APIs (through the gateway) let this person see.
/// </summary>
internal static class PortalHost
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.AddServiceDatabase<PortalDbContext>(ResourceNames.PortalDb);
        builder.Services.AddPortalDataProtection();
        builder.Services.AddPortalAuthentication(builder.Configuration);
        builder.Services.AddRazorComponents();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<Texts>();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RegionNames>();
        // Through the gateway, like every other client: its limits, its routes, its traces.
        builder.Services.AddHttpClient<PlatformApi>(http => http.BaseAddress = new Uri(builder.Configuration["Portal:Gateway"] ?? "http://gateway"));
        return builder;
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        // The gateway forwards /portal/... with the browser's host and scheme in X-Forwarded-*.
        app.UseGatewayForwardedHeaders();
        app.UsePathBase(app.Configuration["Portal:PathBase"] ?? "/portal");
        // Routing after the path base is stripped (WebApplication would otherwise route first, on the full
        // path: GETs still found their page, form POSTs got 405).
        app.UseRouting();
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.Use((http, next) => Texts.RememberAsync(http, next));
        app.UseAuthentication();
        // A token the APIs no longer accept: end the portal's session and sign in again, back to this page.
        app.Use(async (http, next) =>
        {
            try
            {
                await next();
            }
            catch (SessionExpiredException) when (!http.Response.HasStarted)
            {
                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                await http.ChallengeAsync(OpenIdConnectDefaults.AuthenticationScheme,
                    new AuthenticationProperties { RedirectUri = $"{http.Request.PathBase}{http.Request.Path}{http.Request.QueryString}" });
            }
        });
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapDefaultEndpoints();
        app.MapStaticAssets();
        // Signing out is a POST with the page's antiforgery token: a link or an image on another site (a GET, which
        // carries the Lax session cookie) cannot end someone's session, nor can a form posted from elsewhere.
        app.MapPost("/sign-out", async (HttpContext http, IAntiforgery antiforgery, TokenRenewal tokens) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The sign-out form's antiforgery token is missing or wrong.");
            // The session's refresh token dies with it: no copy can be renewed into new access tokens.
            await tokens.RevokeAsync(http);
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignOutAsync(OpenIdConnectDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = $"{http.Request.PathBase}/signed-out" });
            return Results.Empty;
        }).RequireAuthorization();
        // The regional monitor, as Monitoring renders it, fetched with the person's token (every organisation
        // may read it). Its own links (the period form, the CSV) are relative, so they land here too.
        foreach (var (path, file) in new[] { ("/monitor", "dashboard"), ("/dashboard", "dashboard"), ("/indicators.csv", "indicators.csv") })
            app.MapGet(path, async (HttpContext http, PlatformApi api, CancellationToken ct) =>
            {
                var (status, content, type) = await api.MonitorAsync(file, http.Request.QueryString.Value, ct);
                // A refusal is Monitoring's problem document (UTF-8 JSON), passed on with its status.
                return status < 300 ? Results.File(content, type)
                    : Results.Content(System.Text.Encoding.UTF8.GetString(content), type, System.Text.Encoding.UTF8, status);
            }).RequireAuthorization();
        app.MapRazorComponents<App>().RequireAuthorization();
        return app;
    }
}
