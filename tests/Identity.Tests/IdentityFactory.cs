using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Infrastructure;
using Platform.TestInfrastructure;

namespace Platform.Identity.Tests;

/// <summary>The real Identity service (OpenIddict, its database) outside Development: it signs only with the certificates it is given.</summary>
public sealed class IdentityFactory(string database, IReadOnlyList<string> certificates, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string Issuer = "http://identity/";
    public const string Client = "gemeente-maastricht";
    public const string Secret = "maastricht-test-secret";

    /// <summary>"Testing" (the demo region's clients and people exist, as in Development) or a real environment such as "Production".</summary>
    public string Environment { get; init; } = "Testing";

    /// <summary>The broker's virtual host every Identity of this assembly shares (its copy of the directory, its access-log lines).</summary>
    private static string? _messaging;

    /// <summary>A new Identity database, cloned from the migrated template, so that a replica starts quickly.</summary>
    public static async Task<string> NewDatabaseAsync(TestServers servers)
    {
        _messaging ??= await TestVirtualHost.CreateAsync(servers, "identity");
        return await TestDatabase.MigratedAsync<IdentityDbContext>(servers, "identity", options => options.UseOpenIddict());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("ConnectionStrings:identitydb", database);
        builder.UseSetting("Identity:Issuer", Issuer);
        // An Identity that never got a database from NewDatabaseAsync (one that must fail to start) gets a broker nobody answers on.
        builder.UseSetting("ConnectionStrings:messaging", _messaging ?? "amqp://guest:guest@127.0.0.1:9/none");
        builder.UseSetting("Messaging:BrokerUsers", "Shared");
        builder.UseSetting("Messaging:QuorumQueues", "false");
        if (Environment == "Testing") builder.UseSetting($"DemoRegion:ClientSecrets:{Client}", Secret);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        for (var i = 0; i < certificates.Count; i++)
        {
            builder.UseSetting($"Identity:SigningCertificates:{i}:Path", certificates[i]);
            builder.UseSetting($"Identity:SigningCertificates:{i}:Password", SigningCertificates.Password);
        }
    }
}
