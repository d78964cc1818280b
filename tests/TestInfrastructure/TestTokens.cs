using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Platform.TestInfrastructure;

/// <summary>
/// Signs access tokens the way Identity does (RS256 JWT, org claims, audience per API), with a
/// key only tests know. <see cref="TrustIn"/> makes a service under test trust that key instead
/// of fetching Identity's, so token rules can be tested without running Identity.
/// </summary>
/// <remarks>
/// One key per test process, not per instance: every test class makes a <see cref="TestTokens"/>, and generating a
/// 2048-bit RSA key costs a tenth of a second of CPU or more (profiled with perf: a seventh of a test module's CPU
/// went into OpenSSL's prime search). Nothing is lost: no test needs two trusted keys, and <see cref="Forged"/>
/// signs with a key no service trusts.
/// </remarks>
public sealed class TestTokens
{
    public const string Issuer = "https://identity.test/";
    private static readonly RsaSecurityKey TrustedKey = new(RSA.Create(2048)) { KeyId = "test-key" };
    private static readonly Lazy<RsaSecurityKey> UntrustedKey = new(() => new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key" });

    public string For(string organisationId, string audience, string organisationType = "school",
        TimeSpan? lifetime = null, DateTime? issuedAt = null, string? municipality = "GM0935", SecurityKey? signWith = null,
        IReadOnlyList<string>? roles = null, string? swv = null, bool organisationClaim = true)
    {
        var now = issuedAt ?? DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = organisationId,
            ["client_id"] = organisationId,
            ["org_id"] = organisationId,
            ["org_type"] = organisationType,
        };
        if (!organisationClaim) claims.Remove("org_id"); // a token the services' default policy refuses with 403
        if (municipality is not null) claims["municipality"] = municipality;
        if (roles is { Count: > 0 }) claims["role"] = roles.ToArray();
        if (swv is not null) claims["swv"] = swv;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(15)),
            SigningCredentials = new SigningCredentials(signWith ?? TrustedKey, SecurityAlgorithms.RsaSha256),
            TokenType = "at+jwt",
        });
    }

    /// <summary>A token signed by a key the service does not trust.</summary>
    public string Forged(string organisationId, string audience) =>
        For(organisationId, audience, signWith: UntrustedKey.Value);

    public void TrustIn(IServiceCollection services) =>
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
            configuration.SigningKeys.Add(TrustedKey);
            options.Configuration = configuration;
            options.ConfigurationManager = null;
            options.TokenValidationParameters.IssuerSigningKey = TrustedKey;
            options.TokenValidationParameters.ValidIssuer = Issuer;
        });
}
