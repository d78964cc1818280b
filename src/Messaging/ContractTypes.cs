using System.Collections.Concurrent;
using Platform.Contracts;

namespace Platform.Messaging;

/// <summary>
/// Maps the type name stored in an outbox row back to the contract type. Only types in the
/// Contracts assembly are accepted, so a tampered row cannot make the relay load arbitrary types.
/// </summary>
internal static class ContractTypes
{
    private static readonly ConcurrentDictionary<string, Type> Cache = new();

    public static string NameOf(Type type) => type.FullName ?? throw new ArgumentException("Contract types must have a full name.");

    public static Type Resolve(string name) => Cache.GetOrAdd(name, static n =>
    {
        var type = typeof(IIntegrationEvent).Assembly.GetType(n, throwOnError: false);
        if (type is null || !typeof(IIntegrationEvent).IsAssignableFrom(type))
            throw new InvalidOperationException($"'{n}' is not an integration event in Platform.Contracts.");
        return type;
    });
}
