namespace Platform.LocalServers;

/// <summary>
/// Whether a local server syncs its writes to disk. Tests and the end-to-end platform run on
/// throwaway folders: they only need what a crashed <em>process</em> leaves behind (the kernel keeps
/// what it was given), not what a crashed <em>machine</em> leaves, and every fsync on a shared CI disk
/// costs milliseconds per commit and per published message. A developer's AppHost keeps its data
/// between runs and stays durable.
/// </summary>
public enum Durability
{
    /// <summary>fsync as the server's defaults: data survives a power cut.</summary>
    Durable,

    /// <summary>No fsync (PostgreSQL <c>fsync=off</c>, RabbitMQ's Ra log <c>wal_sync_method=none</c>), and no autovacuum.</summary>
    Throwaway,
}
