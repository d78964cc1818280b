using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Deploy.Tests;

/// <summary>
/// The alert rules (deploy/base/monitoring/alerts.yaml, a PrometheusRule) as Prometheus will evaluate
/// them: promtool checks them and runs their unit tests (deploy/alerts/alerts.test.yaml: each alert
/// fires on its condition and stays silent on the healthy and the recovered state). Every alert's
/// runbook is a section that exists in docs/operations.md, and every overlay ships the rules and the
/// scrape targets they are written against.
/// </summary>
public sealed partial class AlertRuleTests
{
    private static readonly string Rules = Repository.PathOf("deploy", "base", "monitoring", "alerts.yaml");

    /// <summary>The rule groups extracted as a plain rules file, beside a copy of the unit tests.</summary>
    private static async Task<string> RulesFolderAsync()
    {
        await Repository.EnsureValidatorAsync();
        var (code, rules) = await Repository.RunAsync("node", [Repository.PathOf("deploy", "validate", "rules-of.mjs"), Rules]);
        Assert.True(code == 0, rules);
        var folder = Directory.CreateTempSubdirectory("alert-rules-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "rules.yaml"), rules, TestContext.Current.CancellationToken);
        File.Copy(Repository.PathOf("deploy", "alerts", "alerts.test.yaml"), Path.Combine(folder, "alerts.test.yaml"));
        return folder;
    }

    [Fact]
    public async Task The_alert_rules_are_valid_and_pass_their_promtool_unit_tests()
    {
        var folder = await RulesFolderAsync();
        var (checkCode, check) = await Repository.RunAsync("promtool", ["check", "rules", Path.Combine(folder, "rules.yaml")]);
        Assert.True(checkCode == 0, check);
        var (testCode, test) = await Repository.RunAsync("promtool", ["test", "rules", Path.Combine(folder, "alerts.test.yaml")]);
        Assert.True(testCode == 0, test);
        Assert.Contains("SUCCESS", test);
    }

    [Fact]
    public async Task Every_alert_has_a_unit_test_and_a_runbook_section_in_operations_md()
    {
        var rules = await File.ReadAllTextAsync(Rules, TestContext.Current.CancellationToken);
        var alerts = AlertName().Matches(rules).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(alerts);
        var tests = await File.ReadAllTextAsync(Repository.PathOf("deploy", "alerts", "alerts.test.yaml"), TestContext.Current.CancellationToken);
        Assert.All(alerts, alert => Assert.Contains($"alertname: {alert}\n", tests));

        var anchors = Heading().Matches(await File.ReadAllTextAsync(Repository.PathOf("docs", "operations.md"), TestContext.Current.CancellationToken))
            .Select(m => Anchor(m.Groups[1].Value)).ToHashSet();
        var runbooks = Runbook().Matches(rules).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(runbooks);
        Assert.All(runbooks, anchor => Assert.True(anchors.Contains(anchor), $"docs/operations.md has no section #{anchor}"));
    }

    public static TheoryData<string> Overlays => ["dev", "production"];

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_overlay_ships_the_alert_rules_and_their_scrape_targets(string overlay)
    {
        await Repository.EnsureValidatorAsync();
        var objects = await Repository.ObjectsAsync(await Repository.RenderAsync(overlay));
        string[] Kinds(string kind) => [.. objects.Where(o => o.GetProperty("kind").GetString() == kind).Select(o => o.GetProperty("metadata").GetProperty("name").GetString()!)];
        Assert.Contains("platform-alerts", Kinds("PrometheusRule"));
        Assert.Equal(["messaging", "platform-services"], Kinds("ServiceMonitor").Order());
        Assert.Contains("postgres", Kinds("PodMonitor"));
        // The services' metrics reach Prometheus through the collector's Prometheus exporter.
        var collector = objects.Single(o => o.GetProperty("kind").GetString() == "ConfigMap" && o.GetProperty("metadata").GetProperty("name").GetString() == "otel-collector-config");
        var config = collector.GetProperty("data").GetProperty("config.yaml").GetString()!;
        Assert.Contains("prometheus:", config);
        Assert.Matches(@"metrics: \{[^}]*exporters: \[[^\]]*prometheus", config);
    }

    /// <summary>GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.</summary>
    private static string Anchor(string heading) =>
        Regex.Replace(Regex.Replace(heading.Trim().ToLowerInvariant(), @"[^\p{L}\p{Nd} _-]", ""), " ", "-");

    [GeneratedRegex(@"^\s*- alert: (\w+)", RegexOptions.Multiline)]
    private static partial Regex AlertName();

    [GeneratedRegex(@"runbook_url: docs/operations\.md#([\w-]+)")]
    private static partial Regex Runbook();

    [GeneratedRegex(@"^#{2,4} (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
