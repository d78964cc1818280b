using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// What leaves the services for operators: an OTLP/HTTP receiver that every service exports its logs,
/// spans and metrics to (instead of the dashboard), plus every resource's console output. Tests search
/// it for what must never be there (a BSN, a child's name). OTLP's protobuf keeps strings as UTF-8, so a
/// byte search finds them.
/// </summary>
public sealed class TelemetryCapture : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> _exports = new();
    private readonly ConcurrentQueue<(string Resource, string Line)> _console = new();
    private WebApplication? _receiver;

    public string Endpoint { get; private set; } = "";

    /// <summary>
    /// Whether exports and console lines are kept for the tests to search. The soak (an hour of traffic) keeps none:
    /// it would hold gigabytes in this process for searches nobody makes.
    /// </summary>
    public bool Keeps { get; set; } = true;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            if (Keeps) _exports.Enqueue((signal, body.ToArray()));
            // An empty Export*ServiceResponse: zero bytes of protobuf.
            return Results.Bytes([], "application/x-protobuf");
        });
        await _receiver.StartAsync();
        Endpoint = _receiver.Urls.Single();
    }

    public void AddConsoleLine(string resource, string line)
    {
        if (Keeps) _console.Enqueue((resource, line));
    }

    /// <summary>Console lines kept so far, per resource: a search over none proves nothing.</summary>
    public int ConsoleLines(string resource) => _console.Count(c => c.Resource == resource);

    public int Exports(string signal) => _exports.Count(e => e.Signal == signal);

    /// <summary>Where <paramref name="text"/> appears: "traces", "logs", "metrics" or "console:&lt;resource&gt;", with some context.</summary>
    public IReadOnlyList<string> Find(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        var found = new List<string>();
        foreach (var (signal, body) in _exports)
            if (body.AsSpan().IndexOf(needle) is var at and >= 0)
                found.Add($"{signal}: …{Context(body, at, needle.Length)}…");
        foreach (var (resource, line) in _console)
            if (line.Contains(text, StringComparison.Ordinal)) found.Add($"console:{resource}: {line}");
        return found;
    }

    private static string Context(byte[] body, int at, int length)
    {
        var from = Math.Max(0, at - 80);
        var to = Math.Min(body.Length, at + length + 80);
        return new string([.. Encoding.UTF8.GetString(body, from, to - from).Select(c => char.IsControl(c) ? ' ' : c)]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_receiver is not null) await _receiver.DisposeAsync();
    }
}
