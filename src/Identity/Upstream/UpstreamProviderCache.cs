using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Infrastructure;

namespace Platform.Identity.Upstream;

/// <summary>A provider people may sign in at now, with its client secret readable (this replica's memory only).</summary>
internal sealed record ActiveProvider(
    string Id, int Version, string DisplayName, string Authority, string ClientId, string ClientSecret, string SubjectClaim,
    IReadOnlyList<string> OrganisationIds)
{
    public string SchemeName => UpstreamSchemes.NameOf(Id, Version);
}

/// <summary>
/// The enabled upstream providers, read from identitydb at most every <see cref="Fresh"/> per replica (the sign-in page
/// and every upstream callback need them; the admin API's own replica reloads at once after a change). A provider asked
/// for by a version this replica does not know yet (registered or changed on another replica) reloads sooner.
/// </summary>
internal sealed partial class UpstreamProviderCache(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider clock,
    ILogger<UpstreamProviderCache> logger)
{
    public const string SecretPurpose = "Platform.Identity.Upstream.ClientSecret";
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MissReload = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Snapshot _snapshot = new([], DateTimeOffset.MinValue);
    /// <summary>Every provider version this replica has loaded, by scheme name: the sign-in's options are made from it.</summary>
    private readonly ConcurrentDictionary<string, ActiveProvider> _byScheme = new(StringComparer.Ordinal);

    private sealed record Snapshot(IReadOnlyList<ActiveProvider> Providers, DateTimeOffset LoadedAt);

    /// <summary>The provider version a scheme was made for (it was found here just before its options are made), or null.</summary>
    public ActiveProvider? OfScheme(string schemeName) => _byScheme.GetValueOrDefault(schemeName);

    public async Task<IReadOnlyList<ActiveProvider>> ActiveAsync(CancellationToken ct) =>
        (clock.GetUtcNow() - _snapshot.LoadedAt < Fresh ? _snapshot : await ReloadAsync(_snapshot, ct)).Providers;

    /// <summary>The provider with this id (and version, when given), reloading once if this replica may not know it yet.</summary>
    public async Task<ActiveProvider?> FindAsync(string id, int? version, CancellationToken ct)
    {
        var seen = _snapshot;
        var found = Match(await ActiveAsync(ct), id, version);
        if (found is null && clock.GetUtcNow() - _snapshot.LoadedAt >= MissReload) found = Match((await ReloadAsync(seen, ct)).Providers, id, version);
        return found;
    }

    /// <summary>After this replica changed a provider: the next request reads them afresh.</summary>
    public void Invalidate() => _snapshot = _snapshot with { LoadedAt = DateTimeOffset.MinValue };

    private static ActiveProvider? Match(IReadOnlyList<ActiveProvider> providers, string id, int? version) =>
        providers.FirstOrDefault(p => p.Id == id && (version is null || p.Version == version));

    private async Task<Snapshot> ReloadAsync(Snapshot seen, CancellationToken ct)
    {
        await _loading.WaitAsync(ct);
        try
        {
            // Another request reloaded while this one waited: its snapshot will do.
            if (_snapshot.LoadedAt > seen.LoadedAt) return _snapshot;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            var rows = await db.UpstreamProviders.AsNoTracking().Where(p => p.DisabledAt == null).ToListAsync(ct);
            var protector = protection.CreateProtector(SecretPurpose);
            var providers = new List<ActiveProvider>();
            foreach (var p in rows)
            {
                string secret;
                try
                {
                    secret = protector.Unprotect(p.ProtectedClientSecret);
                }
                catch (CryptographicException ex)
                {
                    // A secret protected with a key this replica no longer has: that provider is left out (its people see it
                    // missing on the sign-in page), not every provider with it. The office enters the secret again.
                    LogUnreadableSecret(logger, p.Id, ex.Message);
                    continue;
                }
                var provider = new ActiveProvider(p.Id, p.Version, p.DisplayName, p.Authority, p.ClientId, secret, p.SubjectClaim, [.. p.OrganisationIds]);
                providers.Add(provider);
                _byScheme[provider.SchemeName] = provider;
            }
            return _snapshot = new Snapshot(providers, clock.GetUtcNow());
        }
        finally
        {
            _loading.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The client secret of upstream provider {Provider} cannot be read ({Reason}); it is left out until the office enters it again.")]
    private static partial void LogUnreadableSecret(ILogger logger, string provider, string reason);
}
