using Platform.TestInfrastructure;

namespace Platform.Identity.Tests;

/// <summary>
/// Identity as the portal's sign-in server, for the tests of people's sign-in and sign-out: a database of its own, a
/// signing certificate valid now, and the portal registered at <see cref="Portal"/>.
/// </summary>
public sealed class PortalSignInServer : IAsyncDisposable
{
    public const string Portal = "http://portal.test";
    private readonly string _certificates;

    private PortalSignInServer(string certificates, IdentityFactory identity)
    {
        _certificates = certificates;
        Identity = identity;
    }

    public IdentityFactory Identity { get; }

    public static async Task<PortalSignInServer> StartAsync(TestServers servers, IReadOnlyDictionary<string, string>? settings = null)
    {
        var certificates = Directory.CreateTempSubdirectory("signing-").FullName;
        var database = await IdentityFactory.NewDatabaseAsync(servers);
        var now = DateTimeOffset.UtcNow;
        var certificate = SigningCertificates.Create(certificates, "current", now.AddDays(-1), now.AddDays(60));
        var all = new Dictionary<string, string>
        {
            ["Identity:Portal:BaseUrl"] = Portal,
            ["Identity:Portal:ClientSecret"] = "portal-test-secret",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
        return new PortalSignInServer(certificates, new IdentityFactory(database, [certificate], all));
    }

    public async ValueTask DisposeAsync()
    {
        await Identity.DisposeAsync();
        Directory.Delete(_certificates, recursive: true);
    }
}
