using Platform.Contracts.Children;
using Platform.Contracts.Audit;
using Platform.Contracts.Intake;

namespace Platform.Messaging.Publishers;

/// <summary>
/// The events a consumer accepts only from their owner (#25 point 8): consent, and the access log.
/// The owner is named by its broker user, which is the service's name (<c>intake</c>), and RabbitMQ
/// has checked that name against the publisher's connection (the AMQP <c>user-id</c> property).
/// </summary>
/// <remarks>
/// Why these: a forged <see cref="ConsentGranted"/> would open a child's data in Funding and Handover
/// to an organisation nobody consented to; a forged <see cref="ConsentWithdrawn"/> or
/// <see cref="CaseErased"/> would end the consent copies a child's care rests on; a forged
/// <see cref="AuditRecorded"/> would put lines in the access log (NEN 7513) in another service's name.
/// Other events are guarded by the broker's permissions alone (only the owner may write to its
/// exchanges), not again by their consumers: see docs/security.md, "The event bus".
/// </remarks>
public static class EventOwners
{
    /// <summary>
    /// The services whose access-log lines (<see cref="AuditRecorded"/>) the Audit service takes: each only in its own name.
    /// Identity's are the region's office's changes to the organisations' clients (ADR-0019).
    /// </summary>
    public static readonly IReadOnlySet<string> AuditWriters = new HashSet<string>(StringComparer.Ordinal)
        { "intake", "funding", "attendance", "handover", "identity" };

    /// <summary>
    /// The services that link a child's onderwijsnummer or platform id to its BSN (ADR-0015): each states
    /// <see cref="ChildIdentifiersLinked"/> only for a link made in itself, since the event re-keys every
    /// other service's records of the child.
    /// </summary>
    public static readonly IReadOnlySet<string> ChildLinkers = new HashSet<string>(StringComparer.Ordinal)
        { "intake", "attendance", "handover" };

    private static readonly IReadOnlyDictionary<Type, string> Owned = new Dictionary<Type, string>
    {
        [typeof(ConsentGranted)] = "intake",
        [typeof(ConsentWithdrawn)] = "intake",
        [typeof(CaseErased)] = "intake",
    };

    /// <summary>Whether consumers of <paramref name="messageType"/> check who published it.</summary>
    public static bool IsGuarded(Type messageType) =>
        Owned.ContainsKey(messageType) || messageType == typeof(AuditRecorded) || messageType == typeof(ChildIdentifiersLinked);

    /// <summary>
    /// Why <paramref name="message"/>, published by broker user <paramref name="publisher"/> (null: no
    /// <c>user-id</c>), must not be applied; null when it may. <paramref name="sharedUser"/> is set where
    /// every service shares one broker user (containers, one service under test): then only that user is trusted.
    /// </summary>
    public static string? Refusal(object message, string? publisher, string? sharedUser)
    {
        var type = message.GetType();
        if (!IsGuarded(type)) return null;
        if (string.IsNullOrEmpty(publisher))
            return $"{type.Name} carries no AMQP user-id: its publisher is unknown, and only its owner may state it (#25 point 8).";
        if (sharedUser is not null)
            return publisher == sharedUser ? null
                : $"{type.Name} was published by broker user '{publisher}', not by the platform's shared user (#25 point 8).";
        if (message is ChildIdentifiersLinked linked)
            return ChildLinkers.Contains(publisher) && linked.LinkedIn == publisher ? null
                : $"ChildIdentifiersLinked for a link made in '{linked.LinkedIn}' was published by broker user '{publisher}': only the service where "
                  + "the link was made, one of Attendance, Intake and Handover, states it (ADR-0015, #25 point 8).";
        if (Owned.TryGetValue(type, out var owner))
            return publisher == owner ? null
                : $"{type.Name} belongs to {owner}, but broker user '{publisher}' published it (#25 point 8).";
        var line = (AuditRecorded)message;
        if (!AuditWriters.Contains(publisher))
            return $"AuditRecorded from broker user '{publisher}', which writes no access-log lines (#25 point 8).";
        return line.Service == publisher ? null
            : $"AuditRecorded in the name of '{line.Service}' was published by broker user '{publisher}': a service writes access-log lines only about itself (#25 point 8).";
    }
}
