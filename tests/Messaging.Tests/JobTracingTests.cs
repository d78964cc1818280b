using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Platform.Jobs;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;
using Platform.TestInfrastructure;

namespace Platform.Messaging.Tests;

/// <summary>
/// The dashboard shows journeys: a job's pass that finds nothing leaves no span (its poll queries
/// included), a pass that does work leaves its own span with its database calls beneath it. Alone in
/// its collection, because tracing listens process-wide and other classes' database calls would count.
/// </summary>
[Collection(nameof(JobTracingTests))]
public sealed class JobTracingTests(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly ConcurrentQueue<Activity> _exported = new();
    private TracerProvider _tracing = null!;
    private MessagingTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        // The relay stays on: its idle polls run throughout the test and must leave nothing either.
        _host = await MessagingTestHost.StartAsync(fixture.Servers, "jobtracing", _ => { });
        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(JobTelemetry.SourceName, "Npgsql", "Platform.Messaging")
            .AddProcessor(new Collector(_exported))
            .Build();
    }

    public async ValueTask DisposeAsync()
    {
        _tracing.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task An_idle_pass_leaves_no_span_and_a_pass_that_does_work_leaves_its_own_with_its_queries_beneath()
    {
        var ct = TestContext.Current.CancellationToken;
        var sweep = new DueEffects(_host.Services.GetRequiredService<IServiceScopeFactory>());
        var inboxCleanup = _host.Services.GetRequiredService<TableCleanup<TestDbContext, InboxMessage>>();
        var relay = ActivatorUtilities.CreateInstance<OutboxRelay<TestDbContext>>(_host.Services);

        Assert.Equal(0, await sweep.RunOnceAsync(ct));
        Assert.Equal(0, await inboxCleanup.RunQuietAsync(ct));
        Assert.Equal(0, await relay.PublishBatchAsync(ct));
        Assert.Empty(_exported);

        await _host.WithDbAsync(db => { db.Effects.Add(new Effect { Subject = "due:report" }); return db.SaveChangesAsync(ct); });
        _exported.Clear();
        Assert.Equal(1, await sweep.RunOnceAsync(ct));

        var job = Assert.Single(_exported, a => a.Source.Name == JobTelemetry.SourceName);
        Assert.Equal("job DueEffects", job.DisplayName);
        Assert.Equal(default, job.ParentSpanId);
        Assert.Contains(_exported, a => a.Source.Name == "Npgsql" && a.ParentSpanId == job.SpanId);
        Assert.All(_exported, a => Assert.Equal(job.TraceId, a.TraceId));
        Assert.Equal(1, await _host.EffectCountAsync("done:report"));
        // The alerts' figures (docs/operations.md): what the pass found due and what fired, per job.
        Assert.Equal(1, Gauges.Read(JobMetrics.MeterName, "platform.jobs.deadlines.due", "job.name")[nameof(DueEffects)]);
        var fired = Gauges.Read(JobMetrics.MeterName, "platform.jobs.deadlines.fired", "job.name")[nameof(DueEffects)];

        // Done once: the next pass is idle again, and silent again.
        _exported.Clear();
        Assert.Equal(0, await sweep.RunOnceAsync(ct));
        Assert.Empty(_exported);
        Assert.Equal(0, Gauges.Read(JobMetrics.MeterName, "platform.jobs.deadlines.due", "job.name")[nameof(DueEffects)]);
        Assert.Equal(fired, Gauges.Read(JobMetrics.MeterName, "platform.jobs.deadlines.fired", "job.name")[nameof(DueEffects)]);
    }

    [Fact]
    public async Task A_running_job_reports_its_last_success_and_its_failed_passes()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var job = new Flaky();
        await job.StartAsync(ct);
        await Probe.WaitUntilAsync(() => job.Passes >= 3, TimeSpan.FromSeconds(30), "three passes");
        await job.StopAsync(ct);

        // The alert "job behind schedule" compares this Unix time with now: it stops moving when passes fail.
        Assert.True(Gauges.Read(JobMetrics.MeterName, "platform.jobs.last_success", "job.name")[nameof(Flaky)] >= before);
        var passes = Gauges.Read(JobMetrics.MeterName, "platform.jobs.passes", "job.name", "outcome");
        Assert.True(passes[$"{nameof(Flaky)}/ok"] >= 1 && passes[$"{nameof(Flaky)}/failed"] >= 1, string.Join(", ", passes));
    }

    /// <summary>A job whose every second pass fails.</summary>
    private sealed class Flaky() : PeriodicWork(TimeProvider.System, NullLogger.Instance)
    {
        public int Passes;
        protected override bool Enabled => true;
        protected override TimeSpan Interval => TimeSpan.FromMilliseconds(20);

        public override Task<int> RunOnceAsync(CancellationToken ct) =>
            Interlocked.Increment(ref Passes) % 2 == 0 ? throw new InvalidOperationException("every second pass fails") : Task.FromResult(0);
    }

    /// <summary>A deadline in miniature: an effect whose subject starts with "due:" is due.</summary>
    private sealed class DueEffects(IServiceScopeFactory scopes)
        : DeadlineSweep<TestDbContext, Effect>(scopes, TimeProvider.System, NullLogger.Instance)
    {
        protected override bool Enabled => false;
        protected override TimeSpan Interval => TimeSpan.FromHours(1);
        protected override string Table => "effects";
        protected override FormattableString DueWhere(DateTimeOffset now) => $"subject LIKE {"due:%"}";

        protected override int Act(Effect effect, DateTimeOffset now)
        {
            effect.Subject = "done:" + effect.Subject["due:".Length..];
            return 1;
        }
    }

    /// <summary>What an exporter would get: the spans that end recorded.</summary>
    private sealed class Collector(ConcurrentQueue<Activity> exported) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity activity)
        {
            if (activity.Recorded) exported.Enqueue(activity);
        }
    }
}

[CollectionDefinition(nameof(JobTracingTests), DisableParallelization = true)]
public sealed class JobTracingCollection;
