using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Data;

/// <summary>
/// Counts every command and connection attempt that failed because the database was away or full
/// (<c>platform.database.unavailable</c>, by <c>reason</c>: <see cref="DatabaseOutage.Unavailable"/> or
/// <see cref="DatabaseOutage.OutOfSpace"/>), whoever made it: an API request, a consumer waiting the outage
/// out, a job's pass. The alerts <c>DatabaseUnavailable</c> and <c>DatabaseOutOfSpace</c> read it: a 503
/// the caller retries is invisible in the gateway's error ratio for minutes, and a consumer's retries are
/// invisible everywhere else.
/// </summary>
public sealed class DatabaseOutageMeter : DbCommandInterceptor, IDbConnectionInterceptor
{
    public const string MeterName = "Platform.Data";
    public const string InstrumentName = "platform.database.unavailable";

    public static DatabaseOutageMeter Instance { get; } = new();

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>(InstrumentName, "{attempt}",
        "Database commands and connection attempts that failed because the database was unavailable or out of space.");

    private DatabaseOutageMeter() { }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Count(eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Count(eventData.Exception);
        return Task.CompletedTask;
    }

    public void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => Count(eventData.Exception);

    public Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Count(eventData.Exception);
        return Task.CompletedTask;
    }

    private static void Count(Exception exception)
    {
        if (DatabaseOutage.ReasonOf(exception) is { } reason)
            Failures.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }
}
