using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.Jobs;

/// <summary>The <c>Jobs</c> section: one switch for every job of a service.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Off in tests and tools, which call each job's <c>RunOnceAsync</c> themselves.</summary>
    public bool Enabled { get; set; } = true;
}

public static class JobsRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TJob"/> as a singleton (tests resolve it and run passes by hand)
    /// and starts it with the host while <c>Jobs:Enabled</c> is on.
    /// </summary>
    public static IServiceCollection AddJob<TJob>(this IServiceCollection services) where TJob : PeriodicWork
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section);
        services.AddSingleton<TJob>();
        // One wrapper type per job: AddHostedService keeps one registration per implementation type.
        services.AddHostedService(sp => new SwitchedJob<TJob>(sp.GetRequiredService<TJob>(), sp.GetRequiredService<IOptions<JobsOptions>>()));
        return services;
    }

    /// <summary>Starts the job only when the global switch is on; the job's own switch it checks itself.</summary>
    private sealed class SwitchedJob<TJob>(TJob job, IOptions<JobsOptions> jobs) : IHostedService where TJob : PeriodicWork
    {
        public Task StartAsync(CancellationToken ct) => jobs.Value.Enabled ? job.StartAsync(ct) : Task.CompletedTask;
        public Task StopAsync(CancellationToken ct) => jobs.Value.Enabled ? job.StopAsync(ct) : Task.CompletedTask;
    }
}
