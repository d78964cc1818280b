using System.Diagnostics;

namespace Platform.TestInfrastructure;

/// <summary>
/// Polls until a condition holds, for effects that arrive asynchronously (a consumed message, a
/// relayed event). One helper instead of a private loop per test class, with a failure message
/// that says what was awaited, for how long, and what was last seen.
/// </summary>
public static class Eventually
{
    /// <summary>Long enough for a consumer on a busy 2-core CI machine; a passing wait returns at once.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Waits until <paramref name="condition"/> is true.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, CancellationToken ct = default) =>
        await ValueAsync(condition, done => done, what, timeout, ct);

    /// <summary>Reads <paramref name="probe"/> until <paramref name="done"/> accepts its value, and returns that value.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(20);
        var last = "nothing yet";
        while (true)
        {
            try
            {
                var value = await probe();
                if (done(value)) return value;
                last = Describe(value);
            }
            // A probe may fail while the thing it reads is still starting; that is a "not yet" too.
            catch (Exception ex) when (ex is not OperationCanceledException && clock.Elapsed < limit)
            {
                last = $"{ex.GetType().Name}: {ex.Message}";
            }
            if (clock.Elapsed >= limit)
                throw new TimeoutException($"Waited {limit.TotalSeconds:0.#} s for {what}; last seen: {last}");
            await Task.Delay(pause, ct);
            // Quick at first (most effects land within milliseconds), then gentle on the database.
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 250));
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        string s => s,
        System.Collections.IEnumerable items => $"[{string.Join(", ", items.Cast<object?>().Take(10))}]",
        _ => value.ToString() ?? "",
    };
}
