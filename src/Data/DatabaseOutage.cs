using Npgsql;

namespace Platform.Data;

/// <summary>
/// Tells a database that cannot be reached or cannot store (restarting, failing over, refusing
/// connections, its disk full) from a fault in the work itself. An outage is worth waiting out (a
/// consumer's retry, the migration at start-up) or answering with 503 (an API request); a bad message,
/// a wrong password or bad SQL is not.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>The reason a metric and an answer give for a database that is there but has no space left to write.</summary>
    public const string OutOfSpace = "out_of_space";

    /// <summary>The reason for every other outage: not reachable, shutting down, starting, failing over, a transient error.</summary>
    public const string Unavailable = "unavailable";

    public static bool IsOutage(Exception? exception) => ReasonOf(exception) is not null;

    /// <summary><see cref="OutOfSpace"/>, <see cref="Unavailable"/>, or null when the exception is not an outage.</summary>
    /// <remarks>
    /// Walks inner exceptions: EF Core wraps the last one in its retry-limit exception. A full disk is named on its own
    /// (SQLSTATE 53100, <c>disk_full</c>): the service cannot fix it and a restart does not help, so its alert and
    /// runbook differ (docs/operations.md, "Database out of space"); the caller's answer is the same 503.
    /// </remarks>
    public static string? ReasonOf(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.DiskFull }) return OutOfSpace;
            if (e is NpgsqlException { IsTransient: true } or TimeoutException) return Unavailable;
            // A connection string that names a failover pair (Host=a,b; Target Session Attributes=primary): while neither
            // is a reachable primary, Npgsql says so without a transient inner exception (at once, once it has marked
            // both hosts offline for a few seconds).
            if (e is NpgsqlException and not PostgresException && NoSuitableHost(e.Message)) return Unavailable;
            if (e is AggregateException all && all.InnerExceptions.Select(ReasonOf).FirstOrDefault(r => r is not null) is { } inner) return inner;
            // Admin shutdown, crash shutdown, cannot connect now.
            if (e is PostgresException { SqlState: "57P01" or "57P02" or "57P03" }) return Unavailable;
        }
        return null;
    }

    private static bool NoSuitableHost(string message) =>
        message.StartsWith("No suitable host was found", StringComparison.Ordinal)
        || message.StartsWith("Unable to connect to a suitable host", StringComparison.Ordinal);
}
