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

    public void Dispose() => prometheus.Dispose();
}
