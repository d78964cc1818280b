using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Identity.Tests;

/// <summary>A private_key_jwt assertion as a client library signs one (RFC 7523): iss and sub the client, a new jti, two minutes.</summary>
internal static class ClientAssertions
{
    public static string Create(string clientId, string audience, SigningCredentials key) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", clientId), new Claim("jti", Guid.NewGuid().ToString())]),
            Expires = DateTime.UtcNow.AddMinutes(2),
            SigningCredentials = key,
            // The explicit type of draft-ietf-oauth-rfc7523bis, which OpenIddict 7 requires (docs/identity.md).
            TokenType = "client-authentication+jwt",
        });
}
