using Platform.Jobs;
using Platform.Data;
using Platform.Http;
using Platform.Auditing;
using Platform.DirectoryReplica;
using Platform.Identity.Clients;
using Platform.Identity.DemoRegion;
using Platform.Messaging;
using Platform.Identity.Infrastructure;
using Platform.Identity.People;
using Platform.Identity.Token;
using Platform.Identity.Upstream;
using Platform.ServiceDefaults;

namespace Platform.Identity;

/// <summary>
/// Identity's host. Not the API services' shared host: Identity issues tokens rather than checks
/// them, and it sits behind the gateway's forwarded headers.
/// </summary>
internal static class IdentityHost
{
    public static WebApplicationBuilder AddIdentity(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.Services.AddDatabaseOutageAnswers();
        builder.AddIdentityServer();
        // The region's directory, copied from the Directory's snapshots: the organisations clients are tied to.
        builder.AddDirectoryReplica<IdentityDbContext>(gatesReadiness: false);
        // The office's changes to clients go to the access log through the outbox, with the change.
        builder.AddAuditing<IdentityDbContext>();
        // Tokens need no broker: Identity is ready without its bus (degraded until it connects), as it is without its copy.
        builder.AddPlatformMessaging<IdentityDbContext>(gatesReadiness: false);
        builder.Services.AddClientAdministration();
        builder.Services.AddJob<Token.TokenPruning>();
        builder.Services.AddIdentityDataProtection();
        builder.Services.AddAuthorization();
        builder.Services.AddPersonSession();
        builder.Services.AddUpstreamSignIn();
        return builder;
    }

    public static WebApplication MapIdentity(this WebApplication app)
    {
        // Behind the gateway, discovery documents and redirects must name the gateway's address, not ours.
        app.UseGatewayForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapDefaultEndpoints();
        app.MapTokenEndpoint();
        app.MapAuthorizeEndpoint();
        app.MapEndSessionEndpoint();
        app.MapSignInPage();
        app.MapDemoSignIn();
        app.MapUpstreamSignIn();
        app.MapClientsApi();
        app.MapProvidersApi();
        app.MapPeopleApi();
        return app;
    }

    /// <summary>Migrations first, then the configured clients (the office's, the demo region's and its people in Development, the portal), then requests.</summary>
    public static async Task RunIdentityAsync(this WebApplication app)
    {
        await app.MigrateDatabaseAsync<IdentityDbContext>();
        await app.SeedOfficeClientsAsync();
        await app.SeedDemoClientsAsync();
        await app.SeedDemoPeopleAsync();
        await app.SeedPortalClientAsync();
        await app.RunAsync();
    }
}
