using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Intake;
using Platform.Messaging.Inbox;

namespace Platform.Messaging.Tests;

/// <summary>An idempotent consumer with a visible effect: one row per referral.</summary>
public sealed class CountingConsumer(TestDbContext db, ILogger<CountingConsumer> logger, TimeProvider clock, Probe probe)
    : IdempotentConsumer<ReferralSubmitted, TestDbContext>(db, logger, clock)
{
    protected override Task HandleAsync(ReferralSubmitted message, ConsumeContext<ReferralSubmitted> context, CancellationToken ct)
    {
        Db.Effects.Add(new Effect { Subject = $"consumed:{message.ReferralId}" });
        probe.Handled.Enqueue((context.MessageId!.Value, message.ReferralId, Activity.Current?.TraceId ?? default));
        return Task.CompletedTask;
    }
}

/// <summary>A consumer whose dependency is broken: every attempt throws.</summary>
public sealed class AlwaysFailingConsumer(TestDbContext db, ILogger<AlwaysFailingConsumer> logger, TimeProvider clock, Probe probe)
    : IdempotentConsumer<ReferralSubmitted, TestDbContext>(db, logger, clock)
{
    protected override Task HandleAsync(ReferralSubmitted message, ConsumeContext<ReferralSubmitted> context, CancellationToken ct)
    {
        Interlocked.Increment(ref probe.Attempts);
        Db.Effects.Add(new Effect { Subject = $"must-roll-back:{message.ReferralId}" });
        throw new InvalidOperationException("The downstream register is unavailable.");
    }
}

/// <summary>Records every delivery without deduplication: shows what the relay actually sent.</summary>
public sealed class RawDeliveryConsumer(Probe probe) : IConsumer<ReferralSubmitted>
{
    public Task Consume(ConsumeContext<ReferralSubmitted> context)
    {
        probe.Handled.Enqueue((context.MessageId!.Value, context.Message.ReferralId, default));
        return Task.CompletedTask;
    }
}

/// <summary>Works once its dependency is fixed; until then every attempt throws.</summary>
public sealed class FlakyDependencyConsumer(TestDbContext db, ILogger<FlakyDependencyConsumer> logger, TimeProvider clock, Probe probe)
    : IdempotentConsumer<ReferralSubmitted, TestDbContext>(db, logger, clock)
{
    protected override Task HandleAsync(ReferralSubmitted message, ConsumeContext<ReferralSubmitted> context, CancellationToken ct)
    {
        if (probe.DependencyBroken) throw new InvalidOperationException("The register is down.");
        Db.Effects.Add(new Effect { Subject = $"consumed:{message.ReferralId}" });
        return Task.CompletedTask;
    }
}

/// <summary>
/// A consumer whose database is down for its first <see cref="Probe.OutageAttempts"/> attempts
/// (the transient error Npgsql raises when the server refuses connections), then back.
/// </summary>
public sealed class DatabaseOutageConsumer(TestDbContext db, ILogger<DatabaseOutageConsumer> logger, TimeProvider clock, Probe probe)
    : IdempotentConsumer<ReferralSubmitted, TestDbContext>(db, logger, clock)
{
    protected override Task HandleAsync(ReferralSubmitted message, ConsumeContext<ReferralSubmitted> context, CancellationToken ct)
    {
        if (Interlocked.Increment(ref probe.Attempts) <= probe.OutageAttempts)
            throw new Npgsql.NpgsqlException("The database is restarting.", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
        Db.Effects.Add(new Effect { Subject = $"consumed:{message.ReferralId}" });
        return Task.CompletedTask;
    }
}

/// <summary>What Funding's and Handover's consent copies do with a consent, in miniature: one row per consent.</summary>
public sealed class ConsentCopyConsumer(TestDbContext db, ILogger<ConsentCopyConsumer> logger, TimeProvider clock)
    : IdempotentConsumer<Platform.Contracts.Intake.ConsentGranted, TestDbContext>(db, logger, clock)
{
    protected override Task HandleAsync(Platform.Contracts.Intake.ConsentGranted message, ConsumeContext<Platform.Contracts.Intake.ConsentGranted> context, CancellationToken ct)
    {
        Db.Effects.Add(new Effect { Subject = $"consent:{message.ConsentId}:{string.Join(',', message.Organisations)}" });
        return Task.CompletedTask;
    }
}

/// <summary>What the Audit service does with an access-log line, in miniature.</summary>
public sealed class AccessLogConsumer(TestDbContext db, ILogger<AccessLogConsumer> logger, TimeProvider clock)
    : IdempotentConsumer<Platform.Contracts.Audit.AuditRecorded, TestDbContext>(db, logger, clock)
{
    protected override Task HandleAsync(Platform.Contracts.Audit.AuditRecorded message, ConsumeContext<Platform.Contracts.Audit.AuditRecorded> context, CancellationToken ct)
    {
        Db.Effects.Add(new Effect { Subject = $"audit:{message.AuditId}:{message.Service}" });
        return Task.CompletedTask;
    }
}

/// <summary>Consumes an event and does nothing: gives a service in miniature the queues and bindings the real one has.</summary>
public sealed class NoopConsumer<T> : IConsumer<T> where T : class
{
    public Task Consume(ConsumeContext<T> context) => Task.CompletedTask;
}

/// <summary>
/// A batched consumer (<see cref="InboxBatch{TDbContext}"/>) with a visible effect: one row per referral; a referral whose
/// urgency is "poison" makes it throw, every time.
/// </summary>
public sealed class BatchedCountingConsumer(InboxBatch<TestDbContext> batch, Probe probe) : BatchedIdempotentConsumer<ReferralSubmitted, TestDbContext>(batch)
{
    protected override Task HandleAsync(TestDbContext db, Guid messageId, ReferralSubmitted message, CancellationToken ct)
    {
        if (message.Urgency == "poison")
        {
            Interlocked.Increment(ref probe.Attempts);
            db.Effects.Add(new Effect { Subject = $"must-roll-back:{message.ReferralId}" });
            throw new InvalidOperationException("This message cannot be handled.");
        }
        db.Effects.Add(new Effect { Subject = $"batched:{message.ReferralId}" });
        return Task.CompletedTask;
    }
}
