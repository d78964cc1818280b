using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Platform.Jobs;

namespace Platform.Identity.Token;

/// <summary>
/// Removes the stored codes, tokens and authorizations that can no longer be used (redeemed, revoked or expired)
/// once they are a day old, every hour. Storage is what lets Identity refuse a replayed authorization code and revoke
/// what was issued from it; without pruning, every token request of a machine client would leave a row for good.
/// </summary>
public sealed partial class TokenPruning(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TokenPruning> logger)
    : PeriodicWork(clock, logger)
{
    /// <summary>How long a used-up row is kept: long enough to investigate a replay the day it happened.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    protected override bool Enabled => true;
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var threshold = Clock.GetUtcNow() - KeptFor;
        var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, ct);
        var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, ct);
        // The ids of used client assertions only matter until the assertions expire (Clients/SingleUseAssertions.cs).
        var assertions = await scope.ServiceProvider.GetRequiredService<Infrastructure.IdentityDbContext>().UsedClientAssertions
            .Where(a => a.ExpiresAt < threshold).ExecuteDeleteAsync(ct);
        if (tokens + authorizations + assertions > 0) LogPruned(Logger, tokens, authorizations, assertions);
        return (int)Math.Min(int.MaxValue, tokens + authorizations + assertions);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Tokens} used-up tokens, {Authorizations} authorizations and {Assertions} used client assertions.")]
    private static partial void LogPruned(ILogger logger, long tokens, long authorizations, int assertions);
}
