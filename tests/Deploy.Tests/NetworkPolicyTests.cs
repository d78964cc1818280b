using System.Net;
using System.Text.Json;

namespace Platform.Deploy.Tests;

/// <summary>
/// The rendered NetworkPolicies, evaluated the way Kubernetes does (#25 point 11): a connection from one
/// pod to another's port is allowed only if the source's egress policies allow it and the destination's
/// ingress policies allow it (a pod no policy of that direction selects is open that way). Default deny
/// both ways, then per service and per port; which database a role may open is the Cluster's pg_hba
/// (all databases share one CloudNativePG cluster), evaluated here too. Thought of from inside: a
/// compromised service pod, a pod in another namespace wearing our labels, a callback to cloud metadata.
/// </summary>
public sealed class NetworkPolicyTests
{
    private const string Namespace = "village-platform";

    /// <summary>A pod (or an address outside the cluster, with no namespace).</summary>
    public sealed record Endpoint(string Name, string? Namespace, IReadOnlyDictionary<string, string> Labels, string Ip,
        IReadOnlyDictionary<string, int> NamedPorts)
    {
        public IReadOnlyDictionary<string, string> NamespaceLabels =>
            Namespace is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = Namespace };

        public override string ToString() => Name;
    }

    /// <summary>The evaluator: NetworkPolicy semantics (podSelector, namespaceSelector, ipBlock with except, ports with names, protocols and endPort).</summary>
    public sealed class Policies(IReadOnlyList<JsonElement> policies)
    {
        public bool Allowed(Endpoint from, Endpoint to, int port, string protocol = "TCP") =>
            SideAllows(from, "Egress", "egress", "to", peer: to, destination: to, port, protocol)
            && SideAllows(to, "Ingress", "ingress", "from", peer: from, destination: to, port, protocol);

        private bool SideAllows(Endpoint pod, string type, string rulesKey, string peersKey, Endpoint peer, Endpoint destination, int port, string protocol)
        {
            if (pod.Namespace is null) return true; // outside the cluster: not ours to police
            var selecting = policies.Where(p => Namespace(p) == pod.Namespace
                                                && Matches(p.GetProperty("spec").GetProperty("podSelector"), pod.Labels)
                                                && Types(p).Contains(type)).ToList();
            if (selecting.Count == 0) return true;
            foreach (var policy in selecting)
            {
                if (!policy.GetProperty("spec").TryGetProperty(rulesKey, out var rules)) continue;
                foreach (var rule in rules.EnumerateArray())
                {
                    var peerOk = !rule.TryGetProperty(peersKey, out var peers) || peers.GetArrayLength() == 0
                                 || peers.EnumerateArray().Any(x => PeerMatches(x, Namespace(policy), peer));
                    var portOk = !rule.TryGetProperty("ports", out var ports) || ports.GetArrayLength() == 0
                                 || ports.EnumerateArray().Any(x => PortMatches(x, destination, port, protocol));
                    if (peerOk && portOk) return true;
                }
            }
            return false;
        }

        private static string Namespace(JsonElement policy) =>
            policy.GetProperty("metadata").TryGetProperty("namespace", out var ns) ? ns.GetString()! : "default";

        private static string[] Types(JsonElement policy)
        {
            var spec = policy.GetProperty("spec");
            if (spec.TryGetProperty("policyTypes", out var types)) return [.. types.EnumerateArray().Select(t => t.GetString()!)];
            return spec.TryGetProperty("egress", out _) ? ["Ingress", "Egress"] : ["Ingress"];
        }

        private static bool PeerMatches(JsonElement peer, string policyNamespace, Endpoint other)
        {
            if (peer.TryGetProperty("ipBlock", out var block))
                return InCidr(other.Ip, block.GetProperty("cidr").GetString()!)
                       && !(block.TryGetProperty("except", out var except) && except.EnumerateArray().Any(e => InCidr(other.Ip, e.GetString()!)));
            if (other.Namespace is null) return false; // selectors select pods, never outside addresses
            var hasPods = peer.TryGetProperty("podSelector", out var pods);
            if (peer.TryGetProperty("namespaceSelector", out var namespaces))
                return Matches(namespaces, other.NamespaceLabels) && (!hasPods || Matches(pods, other.Labels));
            return hasPods && other.Namespace == policyNamespace && Matches(pods, other.Labels);
        }

        private static bool PortMatches(JsonElement rule, Endpoint destination, int port, string protocol)
        {
            var ruleProtocol = rule.TryGetProperty("protocol", out var p) ? p.GetString() : "TCP";
            if (ruleProtocol != protocol) return false;
            if (!rule.TryGetProperty("port", out var value)) return true;
            if (value.ValueKind == JsonValueKind.String)
                return destination.NamedPorts.TryGetValue(value.GetString()!, out var named) && named == port;
            var first = value.GetInt32();
            var last = rule.TryGetProperty("endPort", out var end) ? end.GetInt32() : first;
            return port >= first && port <= last;
        }

        public static bool Matches(JsonElement selector, IReadOnlyDictionary<string, string> labels)
        {
            if (selector.TryGetProperty("matchLabels", out var matchLabels))
                foreach (var label in matchLabels.EnumerateObject())
                    if (!labels.TryGetValue(label.Name, out var v) || v != label.Value.GetString()) return false;
            if (selector.TryGetProperty("matchExpressions", out var expressions))
                foreach (var e in expressions.EnumerateArray())
                {
                    var key = e.GetProperty("key").GetString()!;
                    var values = e.TryGetProperty("values", out var vs) ? vs.EnumerateArray().Select(x => x.GetString()).ToHashSet() : [];
                    var has = labels.TryGetValue(key, out var v);
                    var ok = e.GetProperty("operator").GetString() switch
                    {
                        "In" => has && values.Contains(v),
                        "NotIn" => !has || !values.Contains(v),
                        "Exists" => has,
                        "DoesNotExist" => !has,
                        var op => throw new InvalidOperationException($"unknown selector operator {op}"),
                    };
                    if (!ok) return false;
                }
            return true;
        }

        private static bool InCidr(string ip, string cidr)
        {
            var parts = cidr.Split('/');
            var network = IPAddress.Parse(parts[0]).GetAddressBytes();
            var address = IPAddress.Parse(ip).GetAddressBytes();
            if (network.Length != address.Length) return false;
            var bits = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < address.Length && bits > 0; i++, bits -= 8)
            {
                var mask = bits >= 8 ? 0xFF : (byte)(0xFF << (8 - bits));
                if ((address[i] & mask) != (network[i] & mask)) return false;
            }
            return true;
        }
    }

    /// <summary>pg_hba as PostgreSQL reads it: the first line whose type, database and user match decides; CloudNativePG's own default comes last.</summary>
    public sealed class PgHba(IReadOnlyList<string> lines)
    {
        private const string CloudNativePgDefault = "host all all all scram-sha-256";

        public bool Admits(string role, string database) // a TCP connection over TLS, as the services' connection strings require
        {
            foreach (var line in lines.Append(CloudNativePgDefault))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f[0] is not ("host" or "hostssl")) continue;
                bool In(string list, string value) => list.Split(',').Any(x => x == "all" || x == value);
                if (In(f[1], database) && In(f[2], role)) return f[4] != "reject";
            }
            return false;
        }
    }

    private sealed record Platform(Policies Policies, PgHba PgHba, Dictionary<string, Endpoint> Pods, List<JsonElement> Deployments);

    /// <summary>Each overlay rendered and read once per run: the tests only read it.</summary>
    private static Task<Platform> LoadAsync(string overlay) => Loaded.GetOrAdd(overlay, LoadOnceAsync);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<Platform>> Loaded = new();

    private static async Task<Platform> LoadOnceAsync(string overlay)
    {
        await Repository.EnsureValidatorAsync();
        var objects = await Repository.ObjectsAsync(await Repository.RenderAsync(overlay));
        var policies = objects.Where(o => o.GetProperty("kind").GetString() == "NetworkPolicy").ToList();
        var cluster = objects.Single(o => o.GetProperty("kind").GetString() == "Cluster");
        var hba = cluster.GetProperty("spec").GetProperty("postgresql").GetProperty("pg_hba").EnumerateArray().Select(l => l.GetString()!).ToList();

        var pods = new Dictionary<string, Endpoint>();
        var deployments = objects.Where(o => o.GetProperty("kind").GetString() == "Deployment").ToList();
        var n = 10;
        foreach (var d in deployments)
        {
            var template = d.GetProperty("spec").GetProperty("template");
            var labels = template.GetProperty("metadata").GetProperty("labels").EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString()!);
            var ports = template.GetProperty("spec").GetProperty("containers").EnumerateArray()
                .SelectMany(c => c.TryGetProperty("ports", out var ps) ? ps.EnumerateArray() : default)
                .Where(p => p.TryGetProperty("name", out _))
                .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("containerPort").GetInt32());
            var name = d.GetProperty("metadata").GetProperty("name").GetString()!;
            Assert.Equal(Namespace, d.GetProperty("metadata").GetProperty("namespace").GetString());
            pods[name] = new Endpoint(name, Namespace, labels, $"10.244.1.{n++}", ports);
        }
        Endpoint Pod(string name, string ns, string ip, params (string Key, string Value)[] labels) =>
            new(name, ns, labels.ToDictionary(l => l.Key, l => l.Value), ip, new Dictionary<string, int>());
        // The operators' pods, labelled as CloudNativePG and the RabbitMQ Cluster Operator label them.
        pods["postgres"] = Pod("postgres", Namespace, "10.244.2.1", ("cnpg.io/cluster", "postgres"), ("cnpg.io/instanceRole", "primary"));
        pods["postgres-replica"] = Pod("postgres-replica", Namespace, "10.244.2.2", ("cnpg.io/cluster", "postgres"), ("cnpg.io/instanceRole", "replica"));
        pods["messaging"] = Pod("messaging", Namespace, "10.244.3.1", ("app.kubernetes.io/name", "messaging"), ("app.kubernetes.io/component", "rabbitmq"));
        pods["messaging-peer"] = Pod("messaging-peer", Namespace, "10.244.3.2", ("app.kubernetes.io/name", "messaging"), ("app.kubernetes.io/component", "rabbitmq"));
        pods["kube-dns"] = Pod("kube-dns", "kube-system", "10.244.0.2", ("k8s-app", "kube-dns"));
        pods["kube-system-other"] = Pod("kube-system-other", "kube-system", "10.244.0.3", ("component", "metrics-server"));
        pods["ingress-nginx"] = Pod("ingress-nginx", "ingress-nginx", "10.244.4.1", ("app.kubernetes.io/name", "ingress-nginx"));
        pods["prometheus"] = Pod("prometheus", "monitoring", "10.244.5.1", ("app.kubernetes.io/name", "prometheus"));
        pods["cnpg-operator"] = Pod("cnpg-operator", "cnpg-system", "10.244.6.1", ("app.kubernetes.io/name", "cloudnative-pg"));
        pods["rabbitmq-operator"] = Pod("rabbitmq-operator", "rabbitmq-system", "10.244.7.1", ("app.kubernetes.io/name", "rabbitmq-cluster-operator"));
        // Another tenant's pod that copies our labels: selectors without a namespace must not let it in.
        pods["impostor"] = Pod("impostor", "other-region", "10.244.8.1",
            ("app.kubernetes.io/name", "gateway"), ("app.kubernetes.io/component", "service"), ("cnpg.io/cluster", "postgres"));
        pods["internet"] = new Endpoint("internet", null, new Dictionary<string, string>(), "93.184.216.34", new Dictionary<string, int>());
        pods["cloud-metadata"] = new Endpoint("cloud-metadata", null, new Dictionary<string, string>(), "169.254.169.254", new Dictionary<string, int>());
        pods["private-host"] = new Endpoint("private-host", null, new Dictionary<string, string>(), "10.20.30.40", new Dictionary<string, int>());
        return new Platform(new Policies(policies), new PgHba(hba), pods, deployments);
    }

    public static TheoryData<string> Overlays => ["dev", "production"];

    /// <summary>from, to, port, protocol, allowed: the table of #25 point 11 and what an involved attacker would try.</summary>
    public static TheoryData<string, string, string, int, string, bool> Table()
    {
        var data = new TheoryData<string, string, string, int, string, bool>();
        foreach (var overlay in new[] { "dev", "production" })
        {
            void Row(string from, string to, int port, bool allowed, string protocol = "TCP") => data.Add(overlay, from, to, port, protocol, allowed);
            // The paths the architecture has.
            Row("ingress-nginx", "gateway", 8080, true);
            Row("gateway", "intake", 8080, true);
            Row("gateway", "identity", 8080, true);
            Row("gateway", "portal", 8080, true);
            Row("portal", "gateway", 8080, true);
            Row("portal", "identity", 8080, true);
            Row("intake", "identity", 8080, true);
            Row("funding", "identity", 8080, true);
            Row("intake", "postgres", 5432, true);
            Row("intake", "messaging", 5672, true);
            Row("intake", "messaging", 5671, true);
            Row("intake", "otel-collector", 4317, true);
            Row("intake", "kube-dns", 53, true, "UDP");
            Row("intake", "kube-dns", 53, true);
            Row("subscriptions", "internet", 443, true);
            Row("prometheus", "otel-collector", 8889, true);
            Row("prometheus", "messaging", 15691, true); // the Prometheus plugin over TLS (15692 is off with disableNonTLSListeners)
            Row("prometheus", "postgres", 9187, true);
            Row("rabbitmq-operator", "messaging", 15672, true);
            Row("cnpg-operator", "postgres", 8000, true);
            Row("postgres-replica", "postgres", 5432, true);
            Row("messaging-peer", "messaging", 25672, true);
            // What must stay shut.
            Row("intake", "funding", 8080, false);            // services never call each other
            Row("intake", "gateway", 8080, false);
            Row("funding", "intake", 8080, false);
            Row("ingress-nginx", "intake", 8080, false);      // the gateway is the only way in
            Row("ingress-nginx", "identity", 8080, false);
            Row("portal", "intake", 8080, false);             // the portal goes through the gateway
            Row("portal", "postgres", 5432, true);            // its data-protection keys (portaldb)
            Row("gateway", "postgres", 5432, false);          // no database, no path to one
            Row("gateway", "messaging", 5672, false);         // not on the bus
            Row("identity", "messaging", 5671, true);          // its copy of the directory, its access-log lines (ADR-0019)
            Row("identity", "messaging", 15672, false);
            Row("intake", "messaging", 15672, false);         // never the management API
            Row("audit", "messaging", 15672, false);
            Row("prometheus", "messaging", 15672, false);
            Row("intake", "postgres", 8000, false);           // not the instance manager
            Row("intake", "postgres", 9187, false);           // not the exporter
            Row("intake", "internet", 443, false);            // only subscriptions calls out
            Row("identity", "internet", 443, false);
            Row("subscriptions", "internet", 80, false);
            Row("subscriptions", "cloud-metadata", 80, false);
            Row("subscriptions", "cloud-metadata", 443, false);
            Row("subscriptions", "private-host", 443, false);
            Row("subscriptions", "postgres", 9187, false);
            Row("intake", "kube-system-other", 443, false);   // DNS, not the rest of kube-system
            Row("intake", "kube-dns", 8080, false);
            Row("impostor", "intake", 8080, false);           // another namespace wearing our labels
            Row("impostor", "postgres", 5432, false);
            Row("impostor", "identity", 8080, false);
            Row("prometheus", "intake", 8080, false);
            Row("otel-collector", "postgres", 5432, false);
            Row("messaging", "postgres", 5432, false);
            Row("postgres", "messaging", 5672, false);
            Row("otel-collector", "intake", 8080, false);
            if (overlay != "dev") continue;
            // The dev overlay's Aspire dashboard (#28): its frontend through the ingress, OTLP from the collector only,
            // so every span has passed the collector's privacy filter; no path out.
            Row("ingress-nginx", "aspire-dashboard", 18888, true);
            Row("otel-collector", "aspire-dashboard", 4317, true);
            Row("intake", "aspire-dashboard", 4317, false);   // services send to the collector, never around it
            Row("ingress-nginx", "aspire-dashboard", 4317, false);
            Row("gateway", "aspire-dashboard", 18888, false);
            Row("impostor", "aspire-dashboard", 18888, false);
            Row("aspire-dashboard", "internet", 443, false);
            Row("aspire-dashboard", "postgres", 5432, false);
            Row("aspire-dashboard", "identity", 8080, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task The_rendered_policies_allow_exactly_the_platforms_paths(string overlay, string from, string to, int port, string protocol, bool allowed)
    {
        var platform = await LoadAsync(overlay);
        var verdict = platform.Policies.Allowed(platform.Pods[from], platform.Pods[to], port, protocol);
        Assert.True(verdict == allowed, $"{overlay}: {from} -> {to}:{port}/{protocol} is {(verdict ? "allowed" : "denied")}, must be {(allowed ? "allowed" : "denied")}");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Default_deny_both_ways_selects_every_pod_and_every_pod_may_resolve_names(string overlay)
    {
        var platform = await LoadAsync(overlay);
        foreach (var pod in platform.Pods.Values.Where(p => p.Namespace == Namespace))
        {
            Assert.True(platform.Policies.Allowed(pod, platform.Pods["kube-dns"], 53, "UDP"), $"{pod}: no DNS");
            Assert.False(platform.Policies.Allowed(pod, platform.Pods["kube-system-other"], 53, "UDP"), $"{pod}: reaches kube-system beyond DNS");
            // A port nothing uses, from and to anything of the namespace: shut.
            Assert.All(platform.Pods.Values, other => Assert.False(platform.Policies.Allowed(pod, other, 31337), $"{pod} -> {other}:31337"));
            Assert.All(platform.Pods.Values, other => Assert.False(platform.Policies.Allowed(other, pod, 31337), $"{other} -> {pod}:31337"));
        }
    }

    /// <summary>Derived from the Deployments: a service reaches the broker's AMQP ports iff it has a messaging connection string, and port 5432 iff it has a database.</summary>
    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task A_service_reaches_the_broker_and_PostgreSQL_only_if_its_Deployment_has_a_connection_string_for_them(string overlay)
    {
        var platform = await LoadAsync(overlay);
        var services = platform.Deployments.Where(d => d.GetProperty("metadata").GetProperty("labels").TryGetProperty("app.kubernetes.io/component", out var c) && c.GetString() == "service").ToList();
        Assert.True(services.Count >= 10);
        foreach (var d in services)
        {
            var name = d.GetProperty("metadata").GetProperty("name").GetString()!;
            var env = d.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")
                .EnumerateArray().SelectMany(c => c.TryGetProperty("env", out var e) ? e.EnumerateArray() : default)
                .Select(e => e.GetProperty("name").GetString()!).ToList();
            var pod = platform.Pods[name];
            var bus = env.Contains("ConnectionStrings__messaging");
            var database = env.Any(e => e.StartsWith("ConnectionStrings__", StringComparison.Ordinal) && e.EndsWith("db", StringComparison.Ordinal));
            Assert.True(bus == platform.Policies.Allowed(pod, platform.Pods["messaging"], 5672), $"{name}: bus {bus}");
            Assert.True(database == platform.Policies.Allowed(pod, platform.Pods["postgres"], 5432), $"{name}: database {database}");
            Assert.False(platform.Policies.Allowed(pod, platform.Pods["messaging"], 15672), $"{name} reaches RabbitMQ's management API");
            Assert.True(platform.Policies.Allowed(pod, platform.Pods["identity"], 8080), $"{name}: no path to Identity's JWKS");
            Assert.True(platform.Policies.Allowed(pod, platform.Pods["otel-collector"], 4317), $"{name}: no path to the collector");
            Assert.Equal(name == "subscriptions", platform.Policies.Allowed(pod, platform.Pods["internet"], 443));
        }
    }

    public static TheoryData<string, string, string, bool> Databases()
    {
        var data = new TheoryData<string, string, string, bool>();
        string[] owners = ["identity", "intake", "funding", "attendance", "handover", "monitoring", "subscriptions", "directory", "audit"];
        foreach (var service in owners)
            foreach (var database in owners)
                data.Add(service, service, $"{database}db", service == database);
        // Audit's runtime role (the service) and its owner (only the migrate init container holds it).
        data.Add("audit", "audit_writer", "auditdb", true);
        data.Add("audit", "audit_writer", "intakedb", false);
        data.Add("audit", "audit_writer", "postgres", false);
        data.Add("intake", "intake", "postgres", false);
        data.Add("intake", "postgres", "intakedb", false); // the superuser only over the local socket (CloudNativePG's rules)
        return data;
    }

    /// <summary>intake → intakedb allowed, intake → fundingdb denied: the network lets the service reach the cluster's 5432, pg_hba its own database only.</summary>
    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_services_role_opens_its_own_database_and_no_other(string service, string role, string database, bool allowed)
    {
        foreach (var overlay in new[] { "dev", "production" })
        {
            var platform = await LoadAsync(overlay);
            var reaches = platform.Policies.Allowed(platform.Pods[service], platform.Pods["postgres"], 5432) && platform.PgHba.Admits(role, database);
            Assert.True(reaches == allowed, $"{overlay}: {service} as {role} -> {database} is {(reaches ? "allowed" : "denied")}");
        }
    }

    /// <summary>The evaluator itself, on policies written here: it must not pass the table by always answering no.</summary>
    [Fact]
    public void The_evaluator_follows_the_NetworkPolicy_semantics()
    {
        var policies = JsonDocument.Parse("""
            [
              { "metadata": { "name": "deny", "namespace": "n" }, "spec": { "podSelector": {}, "policyTypes": ["Ingress"] } },
              { "metadata": { "name": "a", "namespace": "n" }, "spec": { "podSelector": { "matchLabels": { "app": "b" } }, "policyTypes": ["Ingress"],
                "ingress": [ { "from": [ { "podSelector": { "matchExpressions": [ { "key": "app", "operator": "In", "values": ["a"] } ] } } ],
                               "ports": [ { "port": "web" }, { "port": 9000, "endPort": 9002 } ] } ] } }
            ]
            """).RootElement.EnumerateArray().ToList();
        var evaluator = new Policies(policies);
        Endpoint Pod(string name, string ns, string app) => new(name, ns, new Dictionary<string, string> { ["app"] = app }, "10.0.0.1", new Dictionary<string, int> { ["web"] = 8080 });
        var a = Pod("a", "n", "a");
        var b = Pod("b", "n", "b");
        var c = Pod("c", "n", "c");
        var elsewhere = Pod("a-elsewhere", "m", "a");
        Assert.True(evaluator.Allowed(a, b, 8080));          // named port
        Assert.True(evaluator.Allowed(a, b, 9001));          // port range
        Assert.False(evaluator.Allowed(a, b, 9003));
        Assert.False(evaluator.Allowed(a, b, 8080, "UDP"));
        Assert.False(evaluator.Allowed(c, b, 8080));         // not selected by the rule
        Assert.False(evaluator.Allowed(elsewhere, b, 8080)); // podSelector alone: same namespace only
        Assert.False(evaluator.Allowed(b, a, 8080));         // default deny on ingress
        Assert.True(evaluator.Allowed(b, elsewhere, 1234));  // nothing selects m's pods: open
        var hba = new PgHba(["hostssl x u all scram-sha-256", "host all all all reject"]);
        Assert.True(hba.Admits("u", "x"));
        Assert.False(hba.Admits("u", "y"));
        Assert.True(new PgHba([]).Admits("u", "y")); // CloudNativePG's default alone admits any role anywhere: why the reject line matters
    }
}
