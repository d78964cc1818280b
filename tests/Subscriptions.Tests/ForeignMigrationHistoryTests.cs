using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Data;
using Platform.Subscriptions.Infrastructure;
using Platform.TestInfrastructure;

namespace Platform.Subscriptions.Tests;

/// <summary>
/// A database made by another build (a local AppHost's data folder from before the migrations were squashed)
/// stops the service at start-up with a message that says what to do, and nothing in it changes. Before, EF Core
/// applied the build's <c>Initial</c> on top and failed half-way with "relation already exists". The check is in
/// the shared start-up (Platform.Data), so one service's test covers every service.
/// </summary>
public sealed class ForeignMigrationHistoryTests(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly string _connectionString = TestDatabase.NewConnectionString(fixture.Servers, "foreign");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // What an older build left: its own migration in the history, and its table.
        await using (var admin = new NpgsqlConnection(fixture.Servers.PostgresConnectionString))
        {
            await admin.OpenAsync(Ct);
            await new NpgsqlCommand($"CREATE DATABASE \"{Database}\"", admin).ExecuteNonQueryAsync(Ct);
        }
        await ExecuteAsync("""
            CREATE TABLE "__EFMigrationsHistory" (migration_id varchar(150) PRIMARY KEY, product_version varchar(32) NOT NULL);
            INSERT INTO "__EFMigrationsHistory" VALUES ('20250101000000_Initial', '10.0.0'), ('20250201000000_Channels', '10.0.0');
            CREATE TABLE subscriptions (id uuid PRIMARY KEY);
            """);
    }

    public async ValueTask DisposeAsync() => await TestDatabase.DropAsync(fixture.Servers, _connectionString);

    private string Database => new NpgsqlConnectionStringBuilder(_connectionString).Database!;

    [Fact]
    public async Task A_database_from_another_build_stops_the_start_and_is_left_as_it_was()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddDbContext<SubscriptionsDbContext>(o => o.UseNpgsql(_connectionString).UseSnakeCaseNamingConvention());
        await using var app = builder.Build();

        var refused = await Assert.ThrowsAsync<ForeignMigrationHistoryException>(app.MigrateDatabaseAsync<SubscriptionsDbContext>);

        Assert.Equal(["20250101000000_Initial", "20250201000000_Channels"], refused.Migrations);
        Assert.Contains(Database, refused.Message);
        Assert.Contains("Resetting local data", refused.Message);
        Assert.Equal(["public.__EFMigrationsHistory", "public.subscriptions"], await TablesAsync());
        Assert.Equal(2L, await ScalarAsync<long>("""SELECT count(*) FROM "__EFMigrationsHistory" """));
    }

    [Fact]
    public async Task A_database_of_this_build_migrates_as_before()
    {
        await ExecuteAsync("""DROP TABLE subscriptions; DELETE FROM "__EFMigrationsHistory";""");
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddDbContext<SubscriptionsDbContext>(o => o.UseNpgsql(_connectionString).UseSnakeCaseNamingConvention());
        await using var app = builder.Build();

        await app.MigrateDatabaseAsync<SubscriptionsDbContext>();

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SubscriptionsDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.Contains("subscriptions.subscriptions", await TablesAsync());
    }

    private async Task<List<string>> TablesAsync()
    {
        var tables = new List<string>();
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(Ct);
        await using var reader = await new NpgsqlCommand(
            """
            SELECT table_schema || '.' || table_name FROM information_schema.tables
            WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1
            """, connection).ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) tables.Add(reader.GetString(0));
        return tables;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(Ct);
        await new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync(Ct);
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(Ct);
        return (T)(await new NpgsqlCommand(sql, connection).ExecuteScalarAsync(Ct))!;
    }
}
