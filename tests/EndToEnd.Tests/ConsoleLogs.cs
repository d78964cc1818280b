using System.Collections.Concurrent;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Copies each resource's console output to a file, with the time each line arrived, and hands each line
/// to <c>onLine</c> (the telemetry capture, which the privacy scan searches). Logs are kept
/// per resource instance (DCP names them <c>intake-abcd1234</c>), so the suite follows every
/// instance the notifications announce, restarts included, into the resource's one file.
/// </summary>
public sealed class ConsoleLogs : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Task> _followers = new();
    private readonly ConcurrentDictionary<string, StreamWriter> _files = new();
    private Task _watch = Task.CompletedTask;

    private Action<string, string>? _onLine;

    public static ConsoleLogs Follow(DistributedApplication app, string directory, Action<string, string>? onLine = null)
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        var logs = new ConsoleLogs { _onLine = onLine };
        var service = app.Services.GetRequiredService<ResourceLoggerService>();
        logs._watch = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in app.ResourceNotifications.WatchAsync(logs._stop.Token))
                    _ = logs._followers.GetOrAdd(change.ResourceId, id => Task.Run(() => logs.CopyAsync(service, id, change.Resource.Name, directory)));
            }
            catch (OperationCanceledException) { }
        });
        return logs;
    }

    private async Task CopyAsync(ResourceLoggerService service, string resourceId, string resource, string directory)
    {
        var file = _files.GetOrAdd(resource, name => new StreamWriter(Path.Combine(directory, $"{name}.log")) { AutoFlush = true });
        try
        {
            await foreach (var batch in service.WatchAsync(resourceId).WithCancellation(_stop.Token))
                foreach (var line in batch)
                {
                    var text = $"{DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)} {line.Content}";
                    lock (file) file.WriteLine(text);
                    _onLine?.Invoke(resource, line.Content);
                }
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watch;
        await Task.WhenAll(_followers.Values);
        foreach (var file in _files.Values) await file.DisposeAsync();
        _stop.Dispose();
    }
}
