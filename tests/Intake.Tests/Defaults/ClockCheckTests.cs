using Microsoft.Extensions.DependencyInjection;
using Platform.Intake.Infrastructure;
using Platform.Jobs;
using Platform.TestInfrastructure;

namespace Platform.Intake.Tests.Defaults;

/// <summary>
/// The service's clock against its database server's (#28, the clock jump): what <c>platform.clock.skew</c> reports,
/// which the <c>ClockSkewed</c> alert reads. Against the real PostgreSQL server: its clock is the machine's.
/// </summary>
public sealed class ClockCheckTests(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly ShiftableClock _clock = new();
    private ServiceFactory<Program, IntakeDbContext> _intake = null!;

    public async ValueTask InitializeAsync() =>
        _intake = await ServiceFactory<Program, IntakeDbContext>.StartAsync(fixture.Servers, new() { Clock = _clock, Prefix = "clock" });

    public async ValueTask DisposeAsync() => await _intake.DisposeAsync();

    [Fact]
    public async Task A_clock_an_hour_ahead_is_reported_an_hour_ahead_and_a_right_one_near_zero()
    {
        var check = _intake.Services.GetRequiredService<ClockCheck<IntakeDbContext>>();

        _clock.Offset = TimeSpan.FromHours(1);
        await check.RunOnceAsync(TestContext.Current.CancellationToken);
        var ahead = ClockMetrics.Last(nameof(IntakeDbContext));

        _clock.Offset = TimeSpan.Zero;
        await check.RunOnceAsync(TestContext.Current.CancellationToken);
        var right = ClockMetrics.Last(nameof(IntakeDbContext));

        Assert.InRange(ahead!.Value, 3600 - 5, 3600 + 5);
        Assert.InRange(right!.Value, -5, 5);
    }

    /// <summary>The machine's clock plus an offset the test sets: a clock that jumps.</summary>
    private sealed class ShiftableClock : TimeProvider
    {
        public TimeSpan Offset { get; set; }
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
    }
}
