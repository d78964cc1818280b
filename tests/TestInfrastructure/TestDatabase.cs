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

    /// <summary>
    /// Drops a test's database once the test is over, as its virtual host is deleted: a run clones hundreds, and
    /// the servers keep their data in memory (ScratchSpace). WITH (FORCE): the stopped service's pool may still
    /// hold connections, which are cleared first so they are not handed out again.
    /// </summary>
    public static async Task DropAsync(TestServers servers, string connectionString)
    {
        await using (var pooled = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(pooled);
        await TemplateDatabase.DropAsync(servers, new NpgsqlConnectionStringBuilder(connectionString).Database!);
    }
}
