using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RabbitMQ.Client;

namespace Platform.AppHost.Infrastructure;

/// <summary>Healthy once PostgreSQL answers a query: until then, services that WaitFor it don't start.</summary>
/// <param name="ensureDatabase">
/// A database to create if it is missing, for a server whose clients know two hosts (a failover pair): EF Core creates a
/// missing database itself only on a single host's connection (it looks for "does not exist" on the exception, which
/// Npgsql's multi-host connection wraps), so the server makes it before its clients start.
/// </param>
internal sealed class PostgresHealthCheck(string connectionString, string? ensureDatabase = null) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            if (ensureDatabase is { } database)
            {
                if (!System.Text.RegularExpressions.Regex.IsMatch(database, "^[a-z0-9_]+$"))
                    throw new InvalidOperationException($"Not a database name: {database}");
                await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
                exists.Parameters.AddWithValue("name", database);
                if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0)
                {
                    await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                    await create.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not accept connections yet.", ex);
        }
    }
}

/// <summary>
/// Healthy once RabbitMQ completes an AMQP handshake and, where <paramref name="provision"/> is given
/// (the local broker), once every service's own broker user and its permissions are in place (#25 point 8):
/// until then, services that WaitFor it don't start.
/// </summary>
internal sealed class RabbitMqHealthCheck(string connectionString, Func<CancellationToken, Task>? provision = null) : IHealthCheck
{
    private volatile bool _provisioned = provision is null;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var factory = new ConnectionFactory { Uri = new Uri(connectionString) };
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("RabbitMQ does not accept connections yet.", ex);
        }
        if (_provisioned) return HealthCheckResult.Healthy();
        try
        {
            await provision!(cancellationToken);
            _provisioned = true;
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("RabbitMQ's service users are not in place yet (its management API may still be starting).", ex);
        }
    }
}
