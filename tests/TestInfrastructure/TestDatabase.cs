using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Platform.TestInfrastructure;

/// <summary>A fresh database name on the shared server, for one test class.</summary>
public static class TestDatabase
{
    /// <summary>
    /// A connection string to a database that does not exist yet: the code under test creates it
    /// the way production does (EF Core migrations) or the test creates it with EnsureCreated.
    /// </summary>
    public static string NewConnectionString(TestServers servers, string prefix)
    {
        var builder = new NpgsqlConnectionStringBuilder(servers.PostgresConnectionString)
        {
            Database = $"{prefix.ToLowerInvariant()}_{Guid.NewGuid():N}",
            // Small pools: many test databases share one server.
            MaxPoolSize = 20,
        };
        return builder.ConnectionString;
    }

    /// <summary>
    /// A connection string to a new database already migrated for <typeparamref name="TDb"/>,
    /// cloned from its template (<see cref="TemplateDatabase"/>).
    /// </summary>
    public static async Task<string> MigratedAsync<TDb>(TestServers servers, string prefix, Action<DbContextOptionsBuilder>? configure = null)
        where TDb : DbContext
    {
        var connectionString = NewConnectionString(servers, prefix);
        await TemplateDatabase.CloneAsync<TDb>(servers, new NpgsqlConnectionStringBuilder(connectionString).Database!, configure);
        return connectionString;
    }
}
