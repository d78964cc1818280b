using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.TestInfrastructure;

/// <summary>What differs between the services under test: everything else <see cref="ServiceFactory{TProgram, TDb}"/> sets the same way.</summary>
public sealed record ServiceSetup
{
    /// <summary>The key tests sign with; the service trusts it instead of Identity's.</summary>
    public TestTokens Tokens { get; init; } = new();

    /// <summary>The service's clock; null keeps the real one.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>
    /// Whether the outbox relay runs. Off by default: events stay in the outbox, where the tests
    /// read them (the relay itself is tested in Messaging.Tests).
    /// </summary>
    public bool Relay { get; init; }

    /// <summary>Whether the service gets its copy of the demo region's directory once started.</summary>
    public bool DemoDirectory { get; init; } = true;

    /// <summary>Settings of this service on top of the common ones (and overriding them).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Service registrations to change after the service's own.</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>Run once the service has started (and migrated), before any test uses it.</summary>
    public Func<IServiceProvider, Task>? Started { get; init; }

    /// <summary>Extra options the DbContext needs to migrate its template (Identity: OpenIddict's entities).</summary>
    public Action<DbContextOptionsBuilder>? Model { get; init; }

    /// <summary>Names the database and virtual host, to find them on the server when a test fails.</summary>
    public string? Prefix { get; init; }
}
