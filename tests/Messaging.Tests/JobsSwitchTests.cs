using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Jobs;

namespace Platform.Messaging.Tests;

/// <summary><c>Jobs:Enabled</c> switches every job registered with <c>AddJob</c>, each of them; on by default.</summary>
public sealed class JobsSwitchTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task Jobs_Enabled_decides_whether_a_job_starts_with_the_host(string? setting, bool starts)
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = Host.CreateApplicationBuilder();
        if (setting is not null)
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Jobs:Enabled"] = setting });
        builder.Services.AddJob<FirstJob>();
        builder.Services.AddJob<SecondJob>();
        using var host = builder.Build();
        FirstPassJob[] jobs = [host.Services.GetRequiredService<FirstJob>(), host.Services.GetRequiredService<SecondJob>()];

        await host.StartAsync(ct);
        foreach (var job in jobs)
        {
            if (starts) await job.FirstPass.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            else Assert.Null(job.ExecuteTask); // never started, so it can never run a pass
        }
        await host.StopAsync(ct);

        // Off or on, a test can always run a pass itself.
        foreach (var job in jobs) Assert.Equal(1, await job.RunOnceAsync(ct));
    }

    private sealed class FirstJob : FirstPassJob;

    private sealed class SecondJob : FirstPassJob;

    private abstract class FirstPassJob() : PeriodicWork(TimeProvider.System, NullLogger.Instance)
    {
        public TaskCompletionSource FirstPass { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        protected override bool Enabled => true;
        protected override TimeSpan Interval => TimeSpan.FromHours(1);

        public override Task<int> RunOnceAsync(CancellationToken ct)
        {
            FirstPass.TrySetResult();
            return Task.FromResult(1);
        }
    }
}
