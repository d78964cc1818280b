using System.Text.Json;

namespace Platform.Deploy.Tests;

/// <summary>
/// Where the platform's telemetry goes in a cluster (#28): in the dev overlay to the standalone Aspire dashboard,
/// behind sign-in, so operators watch traces there as they do locally; in production to the region's own backend
/// over TLS, with no dashboard in the cluster.
/// </summary>
public sealed class TelemetryTargetTests
{
    private static async Task<List<JsonElement>> ObjectsAsync(string overlay)
    {
        await Repository.EnsureValidatorAsync();
        return await Repository.ObjectsAsync(await Repository.RenderAsync(overlay));
    }

    private static JsonElement? Find(List<JsonElement> objects, string kind, string name) =>
        objects.Cast<JsonElement?>().SingleOrDefault(o =>
            o!.Value.GetProperty("kind").GetString() == kind && o.Value.GetProperty("metadata").GetProperty("name").GetString() == name);

    private static Dictionary<string, JsonElement> Env(JsonElement deployment) =>
        deployment.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0]
            .GetProperty("env").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);

    private static string Backend(List<JsonElement> objects, string key) =>
        Find(objects, "ConfigMap", "otel-backend")!.Value.GetProperty("data").GetProperty(key).GetString()!;

    [Fact]
    public async Task The_dev_collector_forwards_to_the_Aspire_dashboard_whose_frontend_asks_for_a_token_from_a_Secret()
    {
        var objects = await ObjectsAsync("dev");
        var dashboard = Find(objects, "Deployment", "aspire-dashboard");
        Assert.NotNull(dashboard);
        var env = Env(dashboard.Value);

        // Behind sign-in: the browser token, from a Secret; never the anonymous switch.
        Assert.Equal("BrowserToken", env["Dashboard__Frontend__AuthMode"].GetProperty("value").GetString());
        Assert.Equal("aspire-dashboard",
            env["Dashboard__Frontend__BrowserToken"].GetProperty("valueFrom").GetProperty("secretKeyRef").GetProperty("name").GetString());
        Assert.DoesNotContain("ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS", env.Keys);

        // The collector's backend is the dashboard's OTLP port, through its Service, in plain gRPC inside the namespace.
        var (host, port) = (Backend(objects, "endpoint").Split(':')[0], int.Parse(Backend(objects, "endpoint").Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("aspire-dashboard", host);
        Assert.Equal("true", Backend(objects, "insecure"));
        var service = Find(objects, "Service", "aspire-dashboard")!.Value;
        var servicePort = service.GetProperty("spec").GetProperty("ports").EnumerateArray().Single(p => p.GetProperty("port").GetInt32() == port);
        var container = dashboard.Value.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0];
        var otlpPort = container.GetProperty("ports").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == servicePort.GetProperty("targetPort").GetString()).GetProperty("containerPort").GetInt32();
        Assert.EndsWith($":{otlpPort}", env["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"].GetProperty("value").GetString());

        // Operators reach the frontend through the ingress.
        var ingress = Find(objects, "Ingress", "aspire-dashboard")!.Value;
        var backend = ingress.GetProperty("spec").GetProperty("rules")[0].GetProperty("http").GetProperty("paths")[0].GetProperty("backend").GetProperty("service");
        Assert.Equal("aspire-dashboard", backend.GetProperty("name").GetString());
        Assert.Equal("frontend", backend.GetProperty("port").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Production_forwards_to_the_regions_backend_over_TLS_and_runs_no_dashboard()
    {
        var objects = await ObjectsAsync("production");
        Assert.Null(Find(objects, "Deployment", "aspire-dashboard"));
        Assert.Equal("false", Backend(objects, "insecure"));
        Assert.DoesNotContain("aspire-dashboard", Backend(objects, "endpoint"));
        Assert.Contains('.', Backend(objects, "endpoint").Split(':')[0]);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("production")]
    public async Task The_collector_takes_TLS_and_credentials_for_its_backend_from_the_overlay_and_a_Secret(string overlay)
    {
        var objects = await ObjectsAsync(overlay);
        var config = Find(objects, "ConfigMap", "otel-collector-config")!.Value.GetProperty("data").GetProperty("config.yaml").GetString()!;
        Assert.Contains("tls: { insecure: ${env:OTLP_BACKEND_INSECURE} }", config);
        Assert.Contains("authorization: \"${env:OTLP_BACKEND_AUTHORIZATION}\"", config);
        var env = Env(Find(objects, "Deployment", "otel-collector")!.Value);
        Assert.Equal("insecure", env["OTLP_BACKEND_INSECURE"].GetProperty("valueFrom").GetProperty("configMapKeyRef").GetProperty("key").GetString());
        var credentials = env["OTLP_BACKEND_AUTHORIZATION"].GetProperty("valueFrom").GetProperty("secretKeyRef");
        Assert.Equal("otel-backend", credentials.GetProperty("name").GetString());
    }
}
