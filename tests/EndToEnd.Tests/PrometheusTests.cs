using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults;
using Platform.TestInfrastructure;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The local Prometheus beside the platform (#28, docs/operations.md "Service levels and alerts"): it scrapes
/// every service under the service's name as <c>job</c> and the broker's queues, evaluates every alert rule the cluster gets
/// (deploy/base/monitoring/alerts.yaml) without an error, and finds the platform's own series under the names
/// those rules use. What the alerts do with faults is not asserted yet (the issue's fault suite part).
/// </summary>
public sealed partial class PrometheusTests(PlatformFixture fixture)
{
    private static readonly string[] Scraped =
    [
        ResourceNames.Identity, ResourceNames.Directory, ResourceNames.Audit, ResourceNames.Monitoring, ResourceNames.Intake,
        ResourceNames.Attendance, ResourceNames.Handover, ResourceNames.Funding, ResourceNames.Subscriptions,
        ResourceNames.Portal, ResourceNames.Gateway,
        // The broker's Prometheus plugin: every queue's depth, for the queue alerts.
        ResourceNames.Messaging,
    ];

    [Fact]
    public async Task Prometheus_scrapes_every_service_and_evaluates_every_alert_rule_of_the_cluster()
    {
        var ct = TestContext.Current.CancellationToken;
        var model = fixture.App.Services.GetRequiredService<DistributedApplicationModel>();
        var endpoint = ((IResourceWithEndpoints)model.Resources.Single(r => r.Name == ResourceNames.Prometheus)).GetEndpoint("http");
        using var prometheus = new HttpClient { BaseAddress = new Uri(endpoint.Url.TrimEnd('/') + "/") };

        var up = await Eventually.ValueAsync(async () => await TargetsAsync(prometheus, ct),
            targets => Scraped.All(s => targets.GetValueOrDefault(s) == "up"), "every service scraped", TimeSpan.FromSeconds(60), ct);
        Assert.Equal(Scraped.Order(), up.Keys.Order());

        var rules = (await GetAsync(prometheus, "api/v1/rules", ct)).GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray()).ToList();
        var alerts = AlertName().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root(), "deploy", "base", "monitoring", "alerts.yaml")))
            .Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(alerts);
        Assert.Equal(alerts.Order(), rules.Select(r => r.GetProperty("name").GetString()!).Order());
        Assert.All(rules, r => Assert.True(r.GetProperty("health").GetString() == "ok", r.ToString()));

        // The series the rules are written against, as the services' exporters name them.
        foreach (var (series, job) in new[]
                 {
                     ("platform_outbox_oldest_pending_age_seconds", ResourceNames.Intake),
                     ("http_server_request_duration_seconds_count", ResourceNames.Gateway),
                     ("platform_jobs_last_success_seconds", ResourceNames.Attendance),
                     ("rabbitmq_queue_messages_ready", ResourceNames.Messaging),
                 })
        {
            await Eventually.TrueAsync(async () =>
                (await GetAsync(prometheus, $"api/v1/query?query={Uri.EscapeDataString($"{series}{{job=\"{job}\"}}")}", ct))
                    .GetProperty("result").GetArrayLength() > 0, $"{series} of {job}", TimeSpan.FromSeconds(60), ct);
        }
    }

    /// <summary>Each job's health: "up" when every target of it is (a broker cluster's nodes share one job).</summary>
    private static async Task<Dictionary<string, string>> TargetsAsync(HttpClient prometheus, CancellationToken ct) =>
        (await GetAsync(prometheus, "api/v1/targets", ct)).GetProperty("activeTargets").EnumerateArray()
            .GroupBy(t => t.GetProperty("labels").GetProperty("job").GetString()!)
            .ToDictionary(g => g.Key, g => g.Select(t => t.GetProperty("health").GetString()!).Distinct().Count() == 1
                ? g.First().GetProperty("health").GetString()! : "mixed");

    private static async Task<JsonElement> GetAsync(HttpClient prometheus, string path, CancellationToken ct)
    {
        var body = await prometheus.GetFromJsonAsync<JsonElement>(path, ct);
        Assert.Equal("success", body.GetProperty("status").GetString());
        return body.GetProperty("data");
    }

    [GeneratedRegex(@"-\s+alert:\s+(\w+)")]
    private static partial Regex AlertName();
}
