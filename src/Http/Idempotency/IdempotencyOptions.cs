namespace Platform.Http.Idempotency;

public sealed class IdempotencyOptions
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 200;
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>How long an answer is kept for retries. Clients retry within minutes; a day covers an outage overnight.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// A placeholder older than this never got its answer: its attempt stopped (a crash) or hangs. A
    /// retry then fences the attempt off (it can no longer commit) and runs the request again, or
    /// learns that the work was done (<see cref="IdempotencyClaim"/>). Requests take milliseconds; a
    /// client has long timed out on one that runs this long.
    /// </summary>
    public TimeSpan Abandoned { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
}
