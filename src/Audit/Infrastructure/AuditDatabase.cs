using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Platform.Audit.Infrastructure;

/// <summary>
/// Two database roles (NEN 7513, BIO): the owner migrates (and owns the retention function); the
/// service runs as <see cref="RuntimeRole"/>, which may only read and insert lines. Locally the
/// AppHost gives both connection strings (the owner is the local superuser, which also gives the
/// runtime role its login); in Kubernetes an init container migrates with the owner's Secret
/// (<c>migrate</c>) and the service gets only the runtime role's (docs/deploy.md).
/// </summary>
public static partial class AuditDatabase
{
    /// <summary>The runtime role's name: the migrations grant to it by name (CloudNativePG manages it in deploy/).</summary>
    public const string RuntimeRole = "audit_writer";

    /// <summary>The owner's connection string, for migrations only.</summary>
    public const string OwnerConnection = ResourceNames.AuditDb + "-owner";

    private const long ProvisionLock = 7514;

    /// <summary>
    /// Before traffic: with the owner's connection string, migrate and (where the owner may manage
    /// roles: locally) give the runtime role its login; without it, only check that nothing is pending,
    /// since the runtime role cannot migrate.
    /// </summary>
    public static async Task PrepareAsync(WebApplication app)
    {
        if (app.Configuration.GetConnectionString(OwnerConnection) is { Length: > 0 }) await MigrateAsync(app);
        else await RequireMigratedAsync(app);
    }

    /// <summary>The <c>migrate</c> command: applies pending migrations as the owner and provisions the runtime role's login where it may.</summary>
    public static async Task MigrateAsync(WebApplication app)
    {
        var owner = app.Configuration.GetConnectionString(OwnerConnection) ?? app.Configuration.GetConnectionString(ResourceNames.AuditDb)!;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuditDatabase));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using (var db = new AuditDbContext(new DbContextOptionsBuilder<AuditDbContext>().UseNpgsql(owner).UseSnakeCaseNamingConvention().Options))
                    await db.Database.MigrateAsync();
                if (app.Configuration.GetConnectionString(ResourceNames.AuditDb) is { Length: > 0 } runtime) await ProvisionRuntimeLoginAsync(owner, runtime, logger);
                return;
            }
            catch (Exception ex) when (attempt < 10 && DatabaseOutage.IsOutage(ex))
            {
                LogWaiting(logger, ex, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)));
            }
        }
    }

    private static async Task RequireMigratedAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
                if (pending.Count > 0)
                    throw new InvalidOperationException($"The audit database lacks migrations ({string.Join(", ", pending)}); run the service with 'migrate' and the owner's connection string ({OwnerConnection}) first.");
                return;
            }
            catch (Exception ex) when (attempt < 10 && DatabaseOutage.IsOutage(ex))
            {
                LogWaiting(scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuditDatabase)), ex, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)));
            }
        }
    }

    /// <summary>
    /// The migration creates <see cref="RuntimeRole"/> without a login when it is missing; an owner that
    /// may manage roles (the local superuser) gives it the login and password of the service's
    /// connection string. Under CloudNativePG the operator manages the role and this does nothing.
    /// </summary>
    private static async Task ProvisionRuntimeLoginAsync(string owner, string runtime, ILogger logger)
    {
        var wanted = new NpgsqlConnectionStringBuilder(runtime);
        if (wanted.Username != RuntimeRole || string.IsNullOrEmpty(wanted.Password)) return;
        // A role is the whole server's, the advisory lock only one database's: services on other databases of
        // the same server (test classes, several regions' platforms) may alter it at the same moment, and
        // PostgreSQL then refuses one of them ("tuple concurrently updated"). A refused attempt is tried again.
        for (var attempt = 1; ; attempt++)
        {
            if (await CanConnectAsync(runtime)) return;
            try
            {
                if (!await AlterRuntimeLoginAsync(owner, wanted.Password)) return;
                LogProvisioned(logger, RuntimeRole);
                return;
            }
            catch (NpgsqlException ex) when (attempt < 5 && ex is not PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege })
            {
                LogWaiting(logger, ex, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    /// <summary>Gives the runtime role its login; false when the owner may not manage roles (CloudNativePG does it then).</summary>
    private static async Task<bool> AlterRuntimeLoginAsync(string owner, string password)
    {
        await using var connection = new NpgsqlConnection(owner);
        await connection.OpenAsync();
        await using (var may = new NpgsqlCommand("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user", connection))
            if (await may.ExecuteScalarAsync() is not true) return false;
        // Services starting together on one database (replicas) take turns; the ALTER in a transaction of its own
        // after the lock, so its catalog snapshot is fresh.
        await new NpgsqlCommand($"SELECT pg_advisory_lock({ProvisionLock})", connection).ExecuteNonQueryAsync();
        try
        {
            await using var statement = new NpgsqlCommand("SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', @role, @password)", connection);
            statement.Parameters.AddWithValue("role", RuntimeRole);
            statement.Parameters.AddWithValue("password", password);
            var alter = (string)(await statement.ExecuteScalarAsync())!;
            await new NpgsqlCommand(alter, connection).ExecuteNonQueryAsync();
            return true;
        }
        finally
        {
            // A broken connection has lost its session lock with it; unlocking it would only hide the real error.
            if (connection.State == System.Data.ConnectionState.Open)
                await new NpgsqlCommand($"SELECT pg_advisory_unlock({ProvisionLock})", connection).ExecuteNonQueryAsync();
        }
    }

    private static async Task<bool> CanConnectAsync(string runtime)
    {
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(runtime) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not reachable yet (attempt {Attempt}); trying again shortly.")]
    private static partial void LogWaiting(ILogger logger, Exception ex, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "The runtime role {Role} has its login.")]
    private static partial void LogProvisioned(ILogger logger, string role);
}
