using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Identity.Infrastructure;
using Platform.TestInfrastructure;

namespace Platform.Identity.Tests;

/// <summary>
/// Identity's replicas share one key ring, in Identity's database: what one replica protected (a sign-in cookie,
/// an antiforgery token) another can read, and a replica started later still can. Each replica with a key ring of
/// its own (the framework's default, in the container) would send a person who signed in on one back to the
/// sign-in page whenever the next request reached another.
/// </summary>
public sealed class SharedKeyRingTests(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly string _certificates = Directory.CreateTempSubdirectory("signing-").FullName;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_certificates, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task What_one_replica_protected_another_replica_can_read_even_one_started_later()
    {
        var database = await IdentityFactory.NewDatabaseAsync(fixture.Servers);
        var now = DateTimeOffset.UtcNow;
        var certificate = SigningCertificates.Create(_certificates, "current", now.AddDays(-1), now.AddDays(60));

        await using var first = new IdentityFactory(database, [certificate]);
        await using var second = new IdentityFactory(database, [certificate]);
        var cookie = Protector(first).Protect("a person's session");

        Assert.Equal("a person's session", Protector(second).Unprotect(cookie));
        // The key that protected it is the one row in Identity's database, not a file in the replica's container:
        // a protected payload starts with a 4-byte magic header and then the id of its key.
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var key = Assert.Single(await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().DataProtectionKeys.ToListAsync(TestContext.Current.CancellationToken));
            var keyId = new Guid(WebEncoders.Base64UrlDecode(cookie).AsSpan(4, 16));
            Assert.Equal($"key-{keyId:D}", key.FriendlyName);
        }

        // A replica started after the first two went away (a rolling update) reads the same key ring.
        await first.DisposeAsync();
        await second.DisposeAsync();
        await using var later = new IdentityFactory(database, [certificate]);
        Assert.Equal("a person's session", Protector(later).Unprotect(cookie));
    }

    /// <summary>The protector the sign-in cookie's handler would use, from the replica's own services.</summary>
    private static IDataProtector Protector(IdentityFactory replica) =>
        replica.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Platform.Identity.Tests.SignIn");
}
