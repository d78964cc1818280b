using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Platform.Identity.Infrastructure;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers;

namespace Platform.Identity.Clients;

/// <summary>A client assertion's id, kept until the assertion expires: a second use is refused.</summary>
public sealed class UsedClientAssertion
{
    public string ClientId { get; set; } = "";
    public string TokenId { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// RFC 7523 §3 and OpenID Connect Core §9: a <c>private_key_jwt</c> assertion carries a <c>jti</c> and is good once.
/// OpenIddict checks its signature (against the client's registered keys), issuer, subject, audience and expiry; this
/// records its <c>jti</c> in Identity's database (shared by every replica) and refuses one seen before, so a copy of an
/// assertion (a log line, a proxy) gets nothing. Assertions must expire within <see cref="MaxLifetime"/>, which bounds
/// how long their ids are kept (Token/TokenPruning.cs forgets them after).
/// </summary>
internal sealed class SingleUseAssertions(IdentityDbContext db, TimeProvider clock) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .AddFilter<OpenIddictServerHandlerFilters.RequireClientAssertionPrincipal>()
            .UseScopedHandler<SingleUseAssertions>()
            .SetOrder(ValidateClientId.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        var assertion = context.ClientAssertionPrincipal!;
        var tokenId = assertion.GetClaim(Claims.JwtId);
        var clientId = assertion.GetClaim(Claims.Subject) ?? "";
        var expires = assertion.GetExpirationDate();
        if (string.IsNullOrEmpty(tokenId) || tokenId.Length > 200)
        {
            context.Reject(Errors.InvalidClient, "The client assertion needs a unique jti (at most 200 characters).");
            return;
        }
        if (expires is null || expires.Value - clock.GetUtcNow() > MaxLifetime)
        {
            context.Reject(Errors.InvalidClient, $"The client assertion must expire within {MaxLifetime.TotalMinutes:0} minutes.");
            return;
        }
        // One statement, so two replicas receiving the same assertion at once cannot both accept it.
        var recorded = await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO identity.used_client_assertions (client_id, token_id, expires_at) VALUES ({clientId}, {tokenId}, {expires.Value}) ON CONFLICT DO NOTHING",
            context.CancellationToken);
        if (recorded == 0) context.Reject(Errors.InvalidClient, "This client assertion was used before; sign a new one for each request.");
    }
}
