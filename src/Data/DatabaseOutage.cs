using Npgsql;

namespace Platform.Data;

/// <summary>
/// Tells a database that cannot be reached (restarting, failing over, refusing connections) from a
/// fault in the work itself. An outage is worth waiting out (a consumer's retry, the migration at
/// start-up) or answering with 503 (an API request); a bad message, a wrong password or bad SQL is not.
/// </summary>
public static class DatabaseOutage
{
    /// <remarks>Walks inner exceptions: EF Core wraps the last one in its retry-limit exception.</remarks>
    public static bool IsOutage(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or TimeoutException) return true;
            // Admin shutdown, crash shutdown, cannot connect now.
            if (e is PostgresException { SqlState: "57P01" or "57P02" or "57P03" }) return true;
        }
        return false;
    }
}
