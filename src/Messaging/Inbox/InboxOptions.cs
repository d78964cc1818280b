namespace Platform.Messaging.Inbox;

public sealed class InboxOptions
{
    /// <summary>
    /// How long a handled message id is remembered. Redeliveries come within minutes; a replay
    /// from the error queue by an operator may come days later, so keep it generous.
    /// </summary>
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromDays(30);
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
}
