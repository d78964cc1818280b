using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Platform.Identity.Token;
using Platform.TestInfrastructure;

namespace Platform.Identity.Tests;

/// <summary>
/// A person's authorization code is good once (RFC 6749 §4.1.2; #26 "authorization codes stored so a replayed code is
/// refused"): the portal redeems it, and anyone who redeems it again (an attacker who copied it from a log or a
/// referrer, racing the portal) gets <c>invalid_grant</c>, with what the first redemption issued revoked.
/// </summary>
public sealed class AuthorizationCodeReplayTests(TestServersFixture fixture) : IAsyncLifetime
{
    private PortalSession _session = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _session = await PortalSession.StartAsync(fixture.Servers);

    public async ValueTask DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task A_code_redeemed_twice_is_refused_the_second_time_and_the_first_redemptions_tokens_are_revoked()
    {
        var (code, verifier) = await _session.AuthorizeAsync("openid", Ct);

        using var first = await _session.RedeemAsync(code, verifier, Ct);
        using var replay = await _session.RedeemAsync(code, verifier, Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("invalid_grant", (await replay.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
        await using var scope = _session.Server.Identity.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var stored = new List<string?>();
        await foreach (var token in tokens.ListAsync(count: null, offset: null, Ct)) stored.Add(await tokens.GetStatusAsync(token, Ct));
        Assert.NotEmpty(stored);
        Assert.All(stored, status => Assert.NotEqual(OpenIddictConstants.Statuses.Valid, status));
    }

    [Fact]
    public async Task Pruning_keeps_a_used_up_code_for_a_day_then_removes_it()
    {
        var (code, verifier) = await _session.AuthorizeAsync("openid", Ct);
        using var redeemed = await _session.RedeemAsync(code, verifier, Ct);
        Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);
        var pruning = _session.Server.Identity.Services.GetRequiredService<TokenPruning>();

        await pruning.RunOnceAsync(Ct);
        var kept = await TokenCountAsync();
        await using (var scope = _session.Server.Identity.Services.CreateAsyncScope())
        {
            // The code was issued a day and a minute ago, as far as the store knows.
            var db = scope.ServiceProvider.GetRequiredService<Infrastructure.IdentityDbContext>();
            await db.Database.ExecuteSqlRawAsync("UPDATE identity.\"OpenIddictTokens\" SET creation_date = creation_date - interval '1 day 1 minute'", Ct);
        }
        await pruning.RunOnceAsync(Ct);

        Assert.True(kept > 0, "Nothing was stored for the redeemed code.");
        Assert.True(await TokenCountAsync() < kept, "Pruning left the day-old, used-up code.");
    }

    private async Task<long> TokenCountAsync()
    {
        await using var scope = _session.Server.Identity.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().CountAsync(Ct);
    }
}
