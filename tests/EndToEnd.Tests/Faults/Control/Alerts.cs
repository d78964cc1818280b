using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEnd.Tests.Faults.Control;

/// <summary>
/// The alerts of the Prometheus beside the platform (AppHost/Infrastructure/LocalPrometheus.cs), which evaluates the
/// cluster's own rules (deploy/base/monitoring/alerts.yaml): whether the alert a fault should raise is firing.
/// </summary>
public sealed class Alerts(HttpClient prometheus) : IDisposable
{
    public async Task<bool> FiringAsync(string alert, CancellationToken ct)
    {
        var body = await prometheus.GetFromJsonAsync<JsonElement>("api/v1/alerts", ct);
        return body.GetProperty("data").GetProperty("alerts").EnumerateArray().Any(a =>
            a.GetProperty("labels").GetProperty("alertname").GetString() == alert && a.GetProperty("state").GetString() == "firing");
    }

    /// <summary>Waits until <paramref name="alert"/> is firing (or no longer is); how long that took, or null past <paramref name="limit"/>.</summary>
    public async Task<TimeSpan?> WaitUntilAsync(string alert, bool firing, TimeSpan limit, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < limit)
        {
            try
            {
                if (await FiringAsync(alert, ct) == firing) return waited.Elapsed;
            }
            catch (HttpRequestException) { /* Prometheus busy or restarting: ask again */ }
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }
        return null;
    }

    public void Dispose() => prometheus.Dispose();
}
