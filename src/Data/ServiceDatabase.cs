using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Data;

/// <summary>How every service registers and migrates its own PostgreSQL database.</summary>
public static partial class ServiceDatabase
{
    /// <summary>
    /// Registers <typeparamref name="TDbContext"/> on the connection string <paramref name="connectionName"/>
    /// (the AppHost's database resource name), with snake_case names so operators can use psql
    /// without quoting, brief transient-fault retries, the registered <see cref="CommitInterceptor{TDbContext}"/>s, the outage count
    /// (<see cref="DatabaseOutageMeter"/>),
    /// and Aspire's readiness check, tracing and metrics.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TDbContext>(
        this IHostApplicationBuilder builder, string connectionName, Action<DbContextOptionsBuilder>? configure = null)
        where TDbContext : DbContext
    {
        var connectionString = Prepared(builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string '{connectionName}' is missing."));

        builder.Services.AddDbContext<TDbContext>((services, options) =>
        {
            // Brief retries only: a blip (a failover, a dropped connection) is absorbed, but a database
            // that is down gets a quick 503 with Retry-After instead of a request held for half a
            // minute. Consumers wait out longer outages in MassTransit's retry (DatabaseOutage).
            options.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(maxRetryCount: 3, maxRetryDelay: TimeSpan.FromSeconds(1), errorCodesToAdd: null))
                .UseSnakeCaseNamingConvention();
            // The libraries that hook into every commit (the outbox's wake-up, the Idempotency-Key
            // commit marker) register their interceptors for this context; the database needs not know them.
            options.AddInterceptors(services.GetServices<CommitInterceptor<TDbContext>>().Select(i => i.Interceptor));
            // Every failed attempt on an unavailable or full database, counted for the alerts.
            options.AddInterceptors(DatabaseOutageMeter.Instance);
            configure?.Invoke(options);
        });
        // Aspire's Npgsql EF Core integration on top of our registration (which keeps the interceptors
        // and our brief retries): its readiness check, its tracing and its metrics.
        builder.EnrichNpgsqlDbContext<TDbContext>(settings => settings.DisableRetry = true);
        return builder;
    }

    /// <summary>
    /// Statements a connection sends twice are prepared on it (Npgsql's automatic preparation, up to 64 per connection), unless
    /// the connection string says otherwise: PostgreSQL then parses and plans each of a service's statements once per
    /// connection instead of once per execution (the monitor's projection is a few large statements per event: bench/README.md,
    /// step 5). No connection pooler in front (deploy/: CloudNativePG without PgBouncer), so prepared statements stay on their
    /// connection.
    /// </summary>
    public static string Prepared(string connectionString)
    {
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (settings.MaxAutoPrepare == 0) settings.MaxAutoPrepare = 64;
        return settings.ConnectionString;
    }

    /// <summary>
    /// Applies pending migrations before the service takes traffic. EF Core takes a database lock
    /// while migrating, so replicas starting together do not race.
    /// </summary>
    public static async Task MigrateDatabaseAsync<TDbContext>(this WebApplication app) where TDbContext : DbContext
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ServiceDatabase));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RefuseForeignHistoryAsync(db);
                await db.Database.MigrateAsync();
                return;
            }
            catch (Exception ex) when (attempt < 10 && DatabaseOutage.IsOutage(ex))
            {
                LogWaiting(logger, ex, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)));
            }
        }
    }

    /// <summary>
    /// A database that has applied a migration this build does not have was made by another build: before
    /// the migrations were squashed (README, "Resetting local data"), or by a newer version of the service.
    /// EF Core would apply the build's own migrations on top and fail half-way with "relation already
    /// exists"; this says what is wrong and what to do instead, and changes nothing.
    /// </summary>
    private static async Task RefuseForeignHistoryAsync(DbContext db)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var foreign = (await db.Database.GetAppliedMigrationsAsync()).Where(id => !known.Contains(id)).ToList();
        if (foreign.Count > 0) throw new ForeignMigrationHistoryException(db.Database.GetDbConnection().Database, foreign);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not reachable yet (attempt {Attempt}); migrating again shortly.")]
    private static partial void LogWaiting(ILogger logger, Exception ex, int attempt);
}
