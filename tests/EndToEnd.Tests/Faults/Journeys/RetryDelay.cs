namespace Platform.EndToEnd.Tests.Faults.Journeys;

/// <summary>
/// The wait before a retry, as the README ("Retrying", under APIs) asks of integrators: the answer's
/// Retry-After when it gives one, otherwise 0.5 s doubling with each retry up to 8 s, each wait drawn
/// between half and all of that ("equal jitter", so clients that failed together do not come back together).
/// </summary>
public static class RetryDelay
{
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(500), Longest = TimeSpan.FromSeconds(8);

    /// <param name="retry">0 for the first retry.</param>
    /// <param name="retryAfter">The answer's Retry-After; zero when it had none.</param>
    public static TimeSpan After(int retry, TimeSpan retryAfter)
    {
        var ceiling = Math.Min(Longest.TotalMilliseconds, First.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 16)));
        var backOff = TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
        return retryAfter > backOff ? retryAfter : backOff;
    }
}
