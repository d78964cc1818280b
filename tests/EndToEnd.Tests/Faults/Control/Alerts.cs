using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEnd.Tests.Faults.Control;

/// <summary>
/// The alerts of the Prometheus beside the platform (AppHost/Infrastructure/LocalPrometheus.cs), which evaluates the
/// cluster's own rules (deploy/base/monitoring/alerts.yaml): whether the alert a fault should raise is firing.
/// </summary>
public sealed class Alerts(HttpClient prometheus) : IDisposable
{
    /// <param name="where">
    /// Where the alert has a label whose value must start with a text (a queue of the faulted service's): an alert of the
    /// same name about something else does not count.
    /// </param>
    public async Task<bool> FiringAsync(string alert, CancellationToken ct, (string Label, string StartsWith)? where = null)
    {
        var body = await prometheus.GetFromJsonAsync<JsonElement>("api/v1/alerts", ct);
        return body.GetProperty("data").GetProperty("alerts").EnumerateArray().Any(a =>
            a.GetProperty("labels").GetProperty("alertname").GetString() == alert && a.GetProperty("state").GetString() == "firing"
            && (where is not { } w || (a.GetProperty("labels").TryGetProperty(w.Label, out var value)
                                       && value.GetString()?.StartsWith(w.StartsWith, StringComparison.Ordinal) == true)));
    }

    public void Dispose() => prometheus.Dispose();
}
