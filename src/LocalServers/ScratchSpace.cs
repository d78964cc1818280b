namespace Platform.LocalServers;

/// <summary>
/// Where throwaway servers (<see cref="Durability.Throwaway"/>: the tests' and the end-to-end platform's) keep their
/// data: in memory, on the machine's tmpfs (<c>/dev/shm</c>), when there is one with room, else the temp folder.
/// </summary>
/// <remarks>
/// A test run clones a database per test (a few hundred files each) and a RabbitMQ virtual host per test. On ext4
/// every new file walks the inode bitmap past the inodes freed a moment ago (<c>recently_deleted</c>): profiled with
/// <c>perf</c>, a fifth of a test module's CPU was PostgreSQL in the kernel creating files (docs/testing.md). On a
/// tmpfs that cost is gone, and nothing throwaway needs to survive the machine anyway. A developer's AppHost keeps
/// its durable data on disk; this is never used for it.
/// </remarks>
public static class ScratchSpace
{
    private const string Tmpfs = "/dev/shm";

    /// <summary>Room left on the tmpfs below which the temp folder is used instead: a run's servers peak at about 1 GiB.</summary>
    private const long RoomNeeded = 4L << 30;

    /// <summary>The folder new scratch folders go in: <c>PLATFORM_SCRATCH</c> if set, the tmpfs if it has room, else the temp folder.</summary>
    public static string Parent { get; } = Choose();

    /// <summary>A new, empty folder named <paramref name="prefix"/> and a random suffix, in <see cref="Parent"/>.</summary>
    public static string NewFolder(string prefix) =>
        Directory.CreateDirectory(Path.Combine(Parent, prefix + Guid.NewGuid().ToString("N")[..12])).FullName;

    private static string Choose()
    {
        if (Environment.GetEnvironmentVariable("PLATFORM_SCRATCH") is { Length: > 0 } chosen) return chosen;
        try
        {
            var drive = new DriveInfo(Tmpfs);
            if (OperatingSystem.IsLinux() && drive.IsReady && drive.DriveFormat == "tmpfs" && drive.AvailableFreeSpace >= RoomNeeded)
                return Tmpfs;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException) { }
        return Path.GetTempPath();
    }
}
