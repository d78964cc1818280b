using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Platform.Identity.DemoRegion;
using Platform.Identity.Infrastructure;
using Platform.Messaging;
using Platform.Data;
using Platform.ServiceDefaults;

namespace Platform.Identity;

internal static class IdentityServices
{
    public static IHostApplicationBuilder AddIdentityServer(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IdentityDbContext>(ResourceNames.IdentityDb, options => options.UseOpenIddict());

        var config = builder.Configuration;
        var environment = builder.Environment;
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(server =>
            {
                server.SetTokenEndpointUris("connect/token");
                server.AllowClientCredentialsFlow();
                // People (the portal): authorization code with PKCE, required for every client.
                server.SetAuthorizationEndpointUris("connect/authorize");
                server.SetEndSessionEndpointUris("connect/logout");
                // RFC 7009: a client revokes a refresh token it holds (the portal, when its person signs out); the stored
                // token and what was issued with it stop working at once.
                server.SetRevocationEndpointUris("connect/revoke");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                // The portal renews a person's access token while they work, for as long as an Identity session lasts.
                server.AllowRefreshTokenFlow();
                server.SetRefreshTokenLifetime(TimeSpan.FromHours(8));
                // Each refresh token is good once (rolling); the same one again within the leeway (two of the portal's
                // requests renewing at once) gets a fresh pair, after it the whole chain is revoked: a stolen copy.
                server.SetRefreshTokenReuseLeeway(TimeSpan.FromSeconds(config.GetValue("Identity:RefreshTokenReuseLeewaySeconds", 30)));
                // S256 only: a "plain" challenge is the verifier itself, so whoever saw the authorization request (a log,
                // a proxy, the browser's history) could redeem an intercepted code with it. OpenIddict offers both.
                server.Configure(options => options.CodeChallengeMethods.Remove(OpenIddictConstants.CodeChallengeMethods.Plain));
                server.SetAuthorizationCodeLifetime(TimeSpan.FromMinutes(2));
                server.RegisterScopes([.. Scopes.All, OpenIddictConstants.Scopes.Profile, OpenIddictConstants.Scopes.OfflineAccess]);
                server.SetAccessTokenLifetime(TimeSpan.FromMinutes(config.GetValue("Identity:AccessTokenMinutes", 15)));
                // The public issuer is the gateway's address; the same value whichever way a token was requested.
                if (config["Identity:Issuer"] is { Length: > 0 } issuer) server.SetIssuer(new Uri(issuer));
                // Plain signed JWTs (RFC 9068), so every service can validate them with standard JWT bearer.
                server.DisableAccessTokenEncryption();
                // Codes and tokens are stored with their authorizations: a code redeemed a second time is refused and
                // what was issued from it revoked (RFC 6749 §4.1.2, a stolen code raced against its owner), and a
                // person's tokens can be revoked. Access tokens stay self-contained JWTs that every service validates
                // without asking Identity; the used-up rows are pruned after a day (Token/TokenPruning.cs).
                ConfigureKeys(server, config, environment);
                // A client the region's office disabled gets nothing more (Clients/DisabledClients.cs).
                server.AddEventHandler(Clients.DisabledClients.Descriptor);
                // Each private_key_jwt assertion is good once (Clients/SingleUseAssertions.cs).
                server.AddEventHandler(Clients.SingleUseAssertions.Descriptor);
                server.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    // TLS ends at the ingress/gateway; inside, Identity is reached over the cluster network.
                    .DisableTransportSecurityRequirement();
            })
            // Identity's own API (the clients' administration) takes the platform's access tokens, checked in process
            // with the server's own keys; audience identity-api.
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.AddAudiences(Clients.ClientAdministration.Audience);
                validation.UseAspNetCore();
            });
        return builder;
    }

    /// <summary>
    /// Production signs with certificates from configuration, shared by all replicas:
    /// <c>Identity:SigningCertificates:0:Path</c>, <c>:1:Path</c>, ... (and the older single
    /// <c>Identity:SigningCertificate:Path</c>). Every certificate is published in the JWKS; new
    /// tokens are signed with the one that expires last among those valid when Identity started (a
    /// certificate whose NotBefore lies ahead is published, not used). So a rotation without
    /// downtime is: add the next certificate with a NotBefore some hours ahead (services learn its
    /// key within the hour); after that moment restart Identity, which then signs with it; once the
    /// last token the old one signed has expired (15 minutes), remove the old one.
    /// Runbook: docs/operations.md. Development signs with a per-machine development certificate.
    /// </summary>
    private static void ConfigureKeys(OpenIddictServerBuilder server, IConfiguration config, IHostEnvironment environment)
    {
        var certificates = SigningCertificates(config).ToList();
        if (certificates.Count > 0)
        {
            foreach (var certificate in certificates) server.AddSigningCertificate(certificate).AddEncryptionCertificate(certificate);
            Monitoring.IdentityMetrics.SigningWith(certificates);
        }
        else if (environment.IsDevelopment())
        {
            server.AddDevelopmentSigningCertificate().AddDevelopmentEncryptionCertificate();
        }
        else
        {
            throw new InvalidOperationException("Identity:SigningCertificates:0:Path is required outside Development.");
        }
    }

    private static IEnumerable<X509Certificate2> SigningCertificates(IConfiguration config)
    {
        var settings = config.GetSection("Identity:SigningCertificates").GetChildren().Append(config.GetSection("Identity:SigningCertificate"));
        foreach (var setting in settings)
        {
            if (setting["Path"] is not { Length: > 0 } path) continue;
            // A slot kept for the next certificate (Optional) stays empty between rotations.
            if (setting.GetValue("Optional", false) && !File.Exists(path)) continue;
            yield return X509CertificateLoader.LoadPkcs12FromFile(path, setting["Password"]);
        }
    }
}
