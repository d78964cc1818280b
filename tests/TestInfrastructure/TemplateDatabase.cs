using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Platform.TestInfrastructure;

/// <summary>
/// A migrated database per DbContext type, kept on the test server as a template, so that a test
/// class gets its database with one <c>CREATE DATABASE … TEMPLATE</c> (a file copy) instead of
/// running every migration again. The service still calls <c>MigrateAsync</c> at start-up; on a
/// clone that finds nothing to do.
/// </summary>
/// <remarks>
/// The template is named after the DbContext and a hash of its migration ids, not after any one
/// migration: a new or squashed migration gives a new template, and a stale one is never used.
/// Test modules run in parallel processes against one server, so creation is guarded by a
/// PostgreSQL advisory lock; within a process, by one task per template.
/// </remarks>
public static class TemplateDatabase
{
    private static readonly ConcurrentDictionary<string, Lazy<Task>> Ready = new();

    /// <summary>Creates a new database named <paramref name="name"/> as a copy of <typeparamref name="TDb"/>'s migrated template.</summary>
    public static async Task CloneAsync<TDb>(TestServers servers, string name, Action<DbContextOptionsBuilder>? configure = null)
        where TDb : DbContext
    {
        var template = NameFor<TDb>();
        await Ready.GetOrAdd($"{servers.PostgresConnectionString}|{template}",
            _ => new Lazy<Task>(() => EnsureAsync<TDb>(servers, template, configure))).Value;

        await using var admin = await OpenAdminAsync(servers);
        // Another clone of the same template at the same moment is fine; a session still connected
        // to the template is not (55006), which can only be a creator that has just finished: retry.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Execute(admin, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                await Task.Delay(100 * attempt);
            }
        }
    }

    /// <summary><c>tpl_</c>, the DbContext's name, and the first 12 hex digits of a hash of its migration ids.</summary>
    public static string NameFor<TDb>() where TDb : DbContext
    {
        var ids = typeof(TDb).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(TDb))
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .Order(StringComparer.Ordinal);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', ids))))[..12];
        var context = typeof(TDb).Name.ToLowerInvariant();
        return $"tpl_{context[..Math.Min(context.Length, 40)]}_{hash}";
    }

    private static async Task EnsureAsync<TDb>(TestServers servers, string template, Action<DbContextOptionsBuilder>? configure)
        where TDb : DbContext
    {
        await using var admin = await OpenAdminAsync(servers);
        // Session-level lock keyed by the template's name: one creator per server at a time.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended(@name, 0))", admin))
        {
            lockCommand.Parameters.AddWithValue("name", template);
            await lockCommand.ExecuteNonQueryAsync();
        }
        try
        {
            if (await ExistsAsync(admin, template)) return;
            // Built under a working name and renamed when complete, so a creator that dies halfway
            // never leaves a half-migrated template behind under the real name.
            var building = $"{template}_wip";
            await DropAsync(admin, building);
            await Execute(admin, $"CREATE DATABASE \"{building}\"");
            await MigrateAsync<TDb>(servers, building, configure);
            await Execute(admin, $"ALTER DATABASE \"{building}\" RENAME TO \"{template}\"");
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended(@name, 0))", admin);
            unlock.Parameters.AddWithValue("name", template);
            await unlock.ExecuteNonQueryAsync();
        }
    }

    private static async Task MigrateAsync<TDb>(TestServers servers, string database, Action<DbContextOptionsBuilder>? configure)
        where TDb : DbContext
    {
        // No pooling: no idle connection may stay behind on a database that is about to be a template.
        var connectionString = new NpgsqlConnectionStringBuilder(servers.PostgresConnectionString) { Database = database, Pooling = false }.ConnectionString;
        var options = new DbContextOptionsBuilder<TDb>()
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()
            // The migrations are what is applied; the service's own model check runs when it starts on the clone.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        configure?.Invoke(options);
        await using var db = (TDb)Activator.CreateInstance(typeof(TDb), options.Options)!;
        await db.Database.MigrateAsync();
    }

    /// <summary>Drops a clone (or a half-built template); WITH (FORCE), since sessions may still be connected to it.</summary>
    public static async Task DropAsync(TestServers servers, string name)
    {
        await using var admin = await OpenAdminAsync(servers);
        await DropAsync(admin, name);
    }

    private static Task DropAsync(NpgsqlConnection admin, string name) => Execute(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

    private static async Task<NpgsqlConnection> OpenAdminAsync(TestServers servers)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(servers.PostgresConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection admin, string database)
    {
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
        command.Parameters.AddWithValue("name", database);
        return await command.ExecuteScalarAsync() is not null;
    }

    private static async Task Execute(NpgsqlConnection admin, string sql)
    {
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
