using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.DemoRegion;
using Platform.Identity.Infrastructure;
using Platform.Messaging;

namespace Platform.Identity;

internal static class IdentityServices
{
    public const string DatabaseName = "identitydb";

    public static IHostApplicationBuilder AddIdentityServer(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IdentityDbContext>(DatabaseName, options => options.UseOpenIddict());

        var config = builder.Configuration;
        var environment = builder.Environment;
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(server =>
            {
                server.SetTokenEndpointUris("connect/token");
                server.AllowClientCredentialsFlow();
                server.RegisterScopes(Scopes.All);
                server.SetAccessTokenLifetime(TimeSpan.FromMinutes(config.GetValue("Identity:AccessTokenMinutes", 15)));
                // The public issuer is the gateway's address; the same value whichever way a token was requested.
                if (config["Identity:Issuer"] is { Length: > 0 } issuer) server.SetIssuer(new Uri(issuer));
                // Plain signed JWTs (RFC 9068), so every service can validate them with standard JWT bearer.
                server.DisableAccessTokenEncryption();
                // Self-contained JWTs for machine clients: no revocation or introspection, so no
                // token or authorization rows (which would otherwise grow with every request).
                server.DisableTokenStorage();
                server.DisableAuthorizationStorage();
                ConfigureKeys(server, config, environment);
                server.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    // TLS ends at the ingress/gateway; inside, Identity is reached over the cluster network.
                    .DisableTransportSecurityRequirement();
            });
        return builder;
    }

    /// <summary>
    /// Production signs with a certificate from configuration (shared by all replicas, rotated by
    /// operators); Development with a per-machine development certificate.
    /// </summary>
    private static void ConfigureKeys(OpenIddictServerBuilder server, IConfiguration config, IHostEnvironment environment)
    {
        var path = config["Identity:SigningCertificate:Path"];
        if (!string.IsNullOrEmpty(path))
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, config["Identity:SigningCertificate:Password"]);
            server.AddSigningCertificate(certificate).AddEncryptionCertificate(certificate);
        }
        else if (environment.IsDevelopment())
        {
            server.AddDevelopmentSigningCertificate().AddDevelopmentEncryptionCertificate();
        }
        else
        {
            throw new InvalidOperationException("Identity:SigningCertificate:Path is required outside Development.");
        }
    }
}
