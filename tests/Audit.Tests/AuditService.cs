using Npgsql;
using Platform.Audit.Infrastructure;
using Platform.TestInfrastructure;

namespace Platform.Audit.Tests;

/// <summary>
/// The Audit service as it runs on the platform: its own connection is the insert-only runtime role
/// (<c>audit_writer</c>), the owner's (here the test server's superuser) only migrates and gives that
/// role its login. <see cref="ServiceFactory{TProgram, TDb}.Database"/> stays the superuser's, for
/// tests that play someone with the database's powers.
/// </summary>
internal static class AuditService
{
    public const string RuntimePassword = "audit-writer-under-test";

    public static async Task<ServiceFactory<Program, AuditDbContext>> StartAsync(TestServers servers, ServiceSetup setup)
    {
        var owner = await TestDatabase.MigratedAsync<AuditDbContext>(servers, "audit");
        var settings = new Dictionary<string, string?>(setup.Settings)
        {
            [$"ConnectionStrings:{AuditDatabase.OwnerConnection}"] = owner,
            ["ConnectionStrings:auditdb"] = RuntimeConnection(owner),
        };
        var factory = new ServiceFactory<Program, AuditDbContext>(owner, await TestVirtualHost.CreateAsync(servers, "audit"), setup with { Settings = settings });
        await factory.StartAsync();
        return factory;
    }

    /// <summary>The runtime role's own connection to the database <paramref name="owner"/> names.</summary>
    public static string RuntimeConnection(string owner) =>
        new NpgsqlConnectionStringBuilder(owner) { Username = AuditDatabase.RuntimeRole, Password = RuntimePassword, Pooling = false }.ConnectionString;
}
