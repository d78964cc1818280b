using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Reliability.Tests.Platform;

/// <summary>Copies each resource's console output to a file, with the time each line arrived.</summary>
public sealed class ConsoleLogs : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _followers = [];

    public static ConsoleLogs Follow(DistributedApplication app, IEnumerable<string> resources, string directory)
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        var logs = new ConsoleLogs();
        var service = app.Services.GetRequiredService<ResourceLoggerService>();
        foreach (var resource in resources)
            logs._followers.Add(Task.Run(async () =>
            {
                await using var file = new StreamWriter(Path.Combine(directory, $"{resource}.log")) { AutoFlush = true };
                try
                {
                    await foreach (var batch in service.WatchAsync(resource).WithCancellation(logs._stop.Token))
                        foreach (var line in batch)
                            await file.WriteLineAsync($"{DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)} {line.Content}");
                }
                catch (OperationCanceledException) { }
            }));
        return logs;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_followers);
        _stop.Dispose();
    }
}
