using Platform.ServiceDefaults;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.AppHost;

namespace Platform.Bench.Platform;

/// <summary>
/// Starts the whole platform as the AppHost does (PostgreSQL, RabbitMQ, Identity, services,
/// gateway) on throwaway data and free ports, with the gateway's per-client rate limits raised
/// so the benchmark measures capacity rather than the limiter. Everything else (authentication,
/// OpenTelemetry, outbox, audit) stays as configured.
/// </summary>
public sealed class PlatformHost : IAsyncDisposable
{
    /// <summary>What the benchmark changes in the platform's configuration; printed with the results.</summary>
    public static readonly IReadOnlyDictionary<string, string> Overrides = new Dictionary<string, string>
    {
        ["Gateway__Limits__RequestsPerSecond"] = "1000000",
        ["Gateway__Limits__Burst"] = "1000000",
        ["Gateway__Limits__TokenRequestsPerMinute"] = "100000",
        // Names for JIT-compiled methods in the CPU profiles (Measure/CpuProfile.cs): a perf map per process, written as methods compile.
        ["DOTNET_PerfMapEnabled"] = "3",
        // With W^X on, JIT-compiled code runs from a second mapping the perf map does not describe: no names in the profile.
        ["DOTNET_EnableWriteXorExecute"] = "0",
    };

    /// <summary>
    /// Runtime settings for an experiment, from the benchmark's own environment: <c>BENCH_SERVICE_ENV="DOTNET_X=1;DOTNET_Y=2"</c>
    /// gives every .NET service those variables too (printed with the results, like <see cref="Overrides"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Experiment { get; } =
        (Environment.GetEnvironmentVariable("BENCH_SERVICE_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1]);

    private readonly string _data = System.IO.Directory.CreateTempSubdirectory("platform-bench-").FullName;
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("Not started.");

    public async Task StartAsync(TextWriter log, CancellationToken ct)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            $"Platform:LocalInfrastructure:DataDirectory={_data}",
            "DcpPublisher:RandomizePorts=true",
        ], ct);
        // The resources' own console output and startup health probes would drown the figures.
        builder.Services.AddLogging(logging => logging
            .AddFilter("AppHost.Resources", LogLevel.None)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
            .AddFilter("Aspire", LogLevel.Warning)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("Polly", LogLevel.Warning)
            .AddFilter("System.Net.Http", LogLevel.Warning));
        foreach (var project in builder.Resources.OfType<ProjectResource>())
            project.Annotations.Add(new EnvironmentCallbackAnnotation(env =>
            {
                foreach (var (name, value) in Overrides.Concat(Experiment)) env.EnvironmentVariables[name] = value;
            }));
        // The AppHost names its RabbitMQ node after the checkout, so a second platform from the same
        // checkout (another engineer's test run) would collide with it: this one gets a node of its own.
        foreach (var rabbit in builder.Resources.OfType<ExecutableResource>().Where(r => r.Name == "rabbitmq"))
            rabbit.Annotations.Add(new EnvironmentCallbackAnnotation(env =>
                env.EnvironmentVariables["RABBITMQ_NODENAME"] = $"village-bench-{Environment.ProcessId}@localhost"));
        _app = await builder.BuildAsync(ct);
        log.WriteLine("Starting the platform (PostgreSQL, RabbitMQ, Identity, services, gateway)...");
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(ct);
        startup.CancelAfter(TimeSpan.FromMinutes(5));
        await _app.StartAsync(startup.Token);
        await _app.ResourceNotifications.WaitForResourceAsync(ResourceNames.Gateway, KnownResourceStates.Running, startup.Token);
    }

    private readonly DateTime _started = DateTime.UtcNow;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        // The perf maps the platform's processes wrote (DOTNET_PerfMapEnabled): theirs are gone with them.
        foreach (var map in System.IO.Directory.EnumerateFiles(Path.GetTempPath(), "perf-*.map"))
            if (File.GetLastWriteTimeUtc(map) >= _started && int.TryParse(Path.GetFileNameWithoutExtension(map)["perf-".Length..], out var pid)
                && !System.IO.Directory.Exists($"/proc/{pid}"))
                try { File.Delete(map); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        try { System.IO.Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
