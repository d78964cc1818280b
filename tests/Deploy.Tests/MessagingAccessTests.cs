using System.Text;
using System.Text.Json;
using Platform.LocalServers;

namespace Platform.Deploy.Tests;

/// <summary>
/// The event bus in the cluster (#25 point 8): one broker user per service with exactly the
/// permissions BrokerAccess gives it (the table the local broker and the tests use too), each
/// service connecting as its own user from a Secret of its own, and TLS only, with a certificate
/// from cert-manager. <c>PLATFORM_WRITE_DEPLOY=1</c> writes <c>deploy/base/platform/messaging-users.yaml</c>
/// from BrokerAccess instead of comparing.
/// </summary>
public sealed class MessagingAccessTests
{
    public static TheoryData<string> Overlays => ["dev", "production"];

    private const string Host = "messaging.village-platform.svc";

    [Fact]
    public async Task The_committed_broker_users_are_the_platforms_table()
    {
        var file = Repository.PathOf("deploy", "base", "platform", "messaging-users.yaml");
        var expected = UsersYaml();
        if (Environment.GetEnvironmentVariable("PLATFORM_WRITE_DEPLOY") == "1") await File.WriteAllTextAsync(file, expected, TestContext.Current.CancellationToken);
        Assert.True(File.Exists(file) && await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken) == expected,
            "deploy/base/platform/messaging-users.yaml differs from BrokerAccess: run Deploy.Tests with PLATFORM_WRITE_DEPLOY=1 and commit it.");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_service_has_a_broker_user_of_its_own_with_only_its_own_permissions(string overlay)
    {
        await Repository.EnsureValidatorAsync();
        var objects = await Repository.ObjectsAsync(await Repository.RenderAsync(overlay));
        foreach (var service in BrokerAccess.Services)
        {
            var user = Single(objects, "User", $"messaging-{service}").GetProperty("spec");
            Assert.Equal($"messaging-{service}-user", user.GetProperty("importCredentialsSecret").GetProperty("name").GetString());
            Assert.Equal("messaging", user.GetProperty("rabbitmqClusterReference").GetProperty("name").GetString());
            var permission = Single(objects, "Permission", $"messaging-{service}").GetProperty("spec");
            Assert.Equal("/", permission.GetProperty("vhost").GetString());
            Assert.Equal($"messaging-{service}", permission.GetProperty("userReference").GetProperty("name").GetString());
            var expected = BrokerAccess.For(service);
            var granted = permission.GetProperty("permissions");
            Assert.Equal(expected.Configure, granted.GetProperty("configure").GetString());
            Assert.Equal(expected.Write, granted.GetProperty("write").GetString());
            Assert.Equal(expected.Read, granted.GetProperty("read").GetString());
        }
        // Only the operator's user may impersonate (the error-queue replay): no service's user has a tag.
        Assert.All(objects.Where(o => Kind(o) == "User" && Name(o) != "messaging-operator"),
            u => Assert.False(u.GetProperty("spec").TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0, $"{Name(u)} has tags"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_service_connects_over_TLS_as_its_own_user_from_its_own_Secret(string overlay)
    {
        await Repository.EnsureValidatorAsync();
        var objects = await Repository.ObjectsAsync(await Repository.RenderAsync(overlay));
        foreach (var service in BrokerAccess.Services)
        {
            var pod = Single(objects, "Deployment", service).GetProperty("spec").GetProperty("template").GetProperty("spec");
            var containers = pod.GetProperty("containers").EnumerateArray()
                .Concat(pod.TryGetProperty("initContainers", out var init) ? init.EnumerateArray() : default).ToList();
            foreach (var container in containers)
            {
                var env = container.GetProperty("env").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
                if (!env.TryGetValue("ConnectionStrings__messaging", out var messaging)) continue;
                Assert.Equal($"amqps://$(MESSAGING_USERNAME):$(MESSAGING_PASSWORD)@{Host}:5671/", messaging.GetProperty("value").GetString());
                foreach (var (variable, key) in new[] { ("MESSAGING_USERNAME", "username"), ("MESSAGING_PASSWORD", "password") })
                {
                    var from = env[variable].GetProperty("valueFrom").GetProperty("secretKeyRef");
                    Assert.Equal($"messaging-{service}-user", from.GetProperty("name").GetString());
                    Assert.Equal(key, from.GetProperty("key").GetString());
                }
                Assert.Equal("/etc/messaging-ca/ca.crt", env["Messaging__TrustedCaFile"].GetProperty("value").GetString());
                Assert.Contains(container.GetProperty("volumeMounts").EnumerateArray(), m => m.GetProperty("mountPath").GetString() == "/etc/messaging-ca");
            }
            Assert.Contains(containers, c => c.GetProperty("env").EnumerateArray().Any(e => e.GetProperty("name").GetString() == "ConnectionStrings__messaging"));
            Assert.Contains(pod.GetProperty("volumes").EnumerateArray(), v => v.TryGetProperty("secret", out var s) && s.GetProperty("secretName").GetString() == "messaging-ca");
        }
        // The one shared connection Secret of before is gone: no pod can take another service's broker identity from it.
        Assert.DoesNotContain("messaging-connection", JsonSerializer.Serialize(objects));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task The_broker_speaks_TLS_only_with_a_certificate_cert_manager_renews_for_the_name_the_services_use(string overlay)
    {
        await Repository.EnsureValidatorAsync();
        var objects = await Repository.ObjectsAsync(await Repository.RenderAsync(overlay));
        var tls = Single(objects, "RabbitmqCluster", "messaging").GetProperty("spec").GetProperty("tls");
        Assert.Equal("messaging-tls", tls.GetProperty("secretName").GetString());
        Assert.True(tls.GetProperty("disableNonTLSListeners").GetBoolean());
        var certificate = Single(objects, "Certificate", "messaging-tls").GetProperty("spec");
        Assert.Equal("messaging-tls", certificate.GetProperty("secretName").GetString());
        Assert.Contains(Host, certificate.GetProperty("dnsNames").EnumerateArray().Select(n => n.GetString()));
        Assert.False(string.IsNullOrEmpty(certificate.GetProperty("issuerRef").GetProperty("name").GetString()));
        // The plain listeners are off, the Prometheus plugin's too: the alerts on queues read it over TLS.
        var scrape = Single(objects, "ServiceMonitor", "messaging").GetProperty("spec").GetProperty("endpoints")[0];
        Assert.Equal("prometheus-tls", scrape.GetProperty("port").GetString());
        Assert.Equal("https", scrape.GetProperty("scheme").GetString());
        Assert.Equal(Host, scrape.GetProperty("tlsConfig").GetProperty("serverName").GetString());
    }

    /// <summary>The topology operator's User and Permission per service, and the operator's own user, from BrokerAccess.</summary>
    private static string UsersYaml()
    {
        var yaml = new StringBuilder("""
            # GENERATED from src/LocalServers/BrokerAccess.cs by tests/Deploy.Tests (PLATFORM_WRITE_DEPLOY=1): do not edit.
            # One RabbitMQ user per service (#25 point 8), created by the RabbitMQ Messaging Topology Operator from
            # the Secret messaging-<service>-user (username = the service's name, password), which the service's
            # Deployment reads too. Each may write only to its own exchanges, read only its own queues and bind them
            # only to the events it consumes (docs/security.md, "The event bus").

            """);
        foreach (var service in BrokerAccess.Services)
        {
            var user = BrokerAccess.For(service);
            yaml.Append($"""
                ---
                apiVersion: rabbitmq.com/v1beta1
                kind: User
                metadata:
                  name: messaging-{service}
                spec:
                  rabbitmqClusterReference: {"{"} name: messaging {"}"}
                  importCredentialsSecret: {"{"} name: messaging-{service}-user {"}"}
                ---
                apiVersion: rabbitmq.com/v1beta1
                kind: Permission
                metadata:
                  name: messaging-{service}
                spec:
                  rabbitmqClusterReference: {"{"} name: messaging {"}"}
                  vhost: "/"
                  userReference: {"{"} name: messaging-{service} {"}"}
                  permissions:
                    configure: '{user.Configure}'
                    write: '{user.Write}'
                    read: '{user.Read}'

                """);
        }
        yaml.Append("""
            ---
            # The operator's user for the error-queue tool (docs/operations.md): the impersonator tag lets a replay give a
            # message back the user-id of the service that published it. No service holds it.
            apiVersion: rabbitmq.com/v1beta1
            kind: User
            metadata:
              name: messaging-operator
            spec:
              rabbitmqClusterReference: { name: messaging }
              importCredentialsSecret: { name: messaging-operator-user }
              tags: [management, impersonator]
            ---
            apiVersion: rabbitmq.com/v1beta1
            kind: Permission
            metadata:
              name: messaging-operator
            spec:
              rabbitmqClusterReference: { name: messaging }
              vhost: "/"
              userReference: { name: messaging-operator }
              permissions: { configure: "^$", write: ".*", read: ".*" }

            """);
        return yaml.ToString();
    }

    private static JsonElement Single(List<JsonElement> objects, string kind, string name)
    {
        var found = objects.Where(o => Kind(o) == kind && Name(o) == name).ToList();
        Assert.True(found.Count == 1, $"Expected one {kind} {name}, found {found.Count}.");
        return found[0];
    }

    private static string? Kind(JsonElement o) => o.GetProperty("kind").GetString();

    private static string? Name(JsonElement o) => o.GetProperty("metadata").GetProperty("name").GetString();
}
