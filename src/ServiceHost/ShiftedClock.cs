using System.Globalization;

namespace Platform.ServiceHost;

/// <summary>
/// A clock that runs ahead of the machine's by an offset read from a file (<c>Platform:Clock:OffsetFile</c>,
/// a <see cref="TimeSpan"/> such as <c>21.00:00:00</c>; no file or an empty one is no offset). It is how the
/// end-to-end suite lets weeks pass for one running service (a thuiszitter whose placement starts in three
/// weeks) and jumps its clock forward and back: the service's deadlines, durable timers and dates all read
/// this <see cref="TimeProvider"/>. Development only (<see cref="PlatformServiceHost"/> refuses it
/// elsewhere). Token lifetimes are checked against the machine's clock by the JWT handler, not by this one.
/// </summary>
public sealed class ShiftedClock(string offsetFile) : TimeProvider
{
    /// <summary>Milliseconds: a read this long after a change of the file sees it (a test waits this out, see PlatformFixture).</summary>
    public const long RereadEvery = 250;
    private long _readAt = -1_000_000; // long before the first call: the first read happens at once
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>The offset now in force.</summary>
    public TimeSpan Offset
    {
        get
        {
            var now = Environment.TickCount64;
            if (now - Interlocked.Read(ref _readAt) >= RereadEvery)
            {
                Interlocked.Exchange(ref _offsetTicks, Read(offsetFile).Ticks);
                Interlocked.Exchange(ref _readAt, now);
            }
            return TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        }
    }

    private static TimeSpan Read(string file)
    {
        try
        {
            var text = File.Exists(file) ? File.ReadAllText(file).Trim() : "";
            return text.Length == 0 ? TimeSpan.Zero : TimeSpan.Parse(text, CultureInfo.InvariantCulture);
        }
        // Being rewritten at this moment: keep the machine's time until the next read.
        catch (Exception ex) when (ex is IOException or FormatException or OverflowException) { return TimeSpan.Zero; }
    }
}
