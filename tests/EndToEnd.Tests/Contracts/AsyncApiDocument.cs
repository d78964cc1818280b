using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using System.Xml.Linq;
using Platform.Contracts;

namespace Platform.EndToEnd.Tests.Contracts;

/// <summary>
/// The AsyncAPI 3.0 document of the platform's integration events, made from the code: every
/// <see cref="IIntegrationEvent"/> record in <c>src/Contracts</c> is a channel (its MassTransit fanout
/// exchange) with its payload schema and the record's XML documentation; the publishing service is
/// the contract's namespace; the consuming services are the queues bound to the exchange on the
/// running platform's broker. Nothing in it is written by hand, so it cannot drift from the code.
/// </summary>
public static class AsyncApiDocument
{
    /// <summary>As MassTransit writes messages: camelCase, web defaults.</summary>
    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    /// <param name="consumers">Per event type name, the services whose queues are bound to its exchange.</param>
    public static JsonObject Build(IReadOnlyDictionary<string, IReadOnlyList<string>> consumers)
    {
        var events = typeof(IIntegrationEvent).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var docs = XmlDocs.For(typeof(IIntegrationEvent).Assembly);
        var channels = new JsonObject();
        var operations = new JsonObject();
        var messages = new JsonObject();
        var schemas = new JsonObject();
        foreach (var type in events)
        {
            var name = type.Name;
            var summary = docs.Summary(type);
            schemas[name] = Schema(type, docs);
            messages[name] = new JsonObject
            {
                ["name"] = name,
                ["title"] = name,
                ["summary"] = summary,
                ["contentType"] = "application/vnd.masstransit+json",
                ["description"] = "In MassTransit's envelope: the fields below are its `message`; `messageId` identifies a delivery for the consumer's inbox.",
                ["payload"] = new JsonObject { ["$ref"] = $"#/components/schemas/{name}" },
            };
            channels[name] = new JsonObject
            {
                ["address"] = $"{type.Namespace}:{name}",
                ["title"] = name,
                ["description"] = $"The fanout exchange of {name}; each consuming service binds a queue of its own (`<service>-<event>`).",
                ["messages"] = new JsonObject { [name] = new JsonObject { ["$ref"] = $"#/components/messages/{name}" } },
                ["bindings"] = new JsonObject
                {
                    ["amqp"] = new JsonObject
                    {
                        ["is"] = "routingKey",
                        ["exchange"] = new JsonObject { ["name"] = $"{type.Namespace}:{name}", ["type"] = "fanout", ["durable"] = true, ["autoDelete"] = false, ["vhost"] = "/" },
                        ["bindingVersion"] = "0.3.0",
                    },
                },
            };
            foreach (var publisher in Publishers(type))
                operations[$"{publisher}Sends{name}"] = Operation("send", name, $"{Title(publisher)} publishes {name} through its outbox.");
            foreach (var consumer in consumers.GetValueOrDefault(name, []).Order(StringComparer.Ordinal))
                operations[$"{consumer}Receives{name}"] = Operation("receive", name, $"{Title(consumer)} consumes {name} from its queue {consumer}-{Kebab(name)}, once per message id.");
        }
        return new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Platform integration events",
                ["version"] = "v1",
                ["description"] = "The facts the platform's services state and act on, over RabbitMQ (MassTransit). Delivery is at least once: every consumer is idempotent. A child is named only by its pseudonymous childReference, never by BSN or name. Fields are only ever added; a breaking change is a new event type (docs/api/versioning.md).",
                ["license"] = new JsonObject { ["name"] = "EUPL-1.2", ["url"] = "https://eupl.eu/1.2/en/" },
                ["contact"] = new JsonObject { ["name"] = "The region's platform office", ["email"] = "platform@jeugdregio.example" },
            },
            ["defaultContentType"] = "application/vnd.masstransit+json",
            ["servers"] = new JsonObject
            {
                ["broker"] = new JsonObject
                {
                    ["host"] = "rabbitmq.jeugdregio.example:5671",
                    ["protocol"] = "amqps",
                    ["description"] = "The region's RabbitMQ cluster; only the platform's own services connect.",
                    ["security"] = BrokerUser(),
                },
            },
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject
            {
                ["messages"] = messages,
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject
                {
                    ["brokerUser"] = new JsonObject
                    {
                        ["type"] = "userPassword",
                        ["description"] = "Each service connects with a broker user of its own, over TLS in the cluster.",
                    },
                },
            },
        };
    }

    /// <summary>The service that states the fact: the contract's namespace, except the access log, which every service writes to.</summary>
    private static IEnumerable<string> Publishers(Type type)
    {
        var area = type.Namespace!.Split('.').Last().ToLowerInvariant();
        return area switch
        {
            "audit" => ["attendance", "directory", "funding", "handover", "intake", "monitoring", "subscriptions"],
            // A child's identifiers are linked in whichever of the three services holds its records (ADR-0015).
            "children" => ["attendance", "handover", "intake"],
            _ => [area],
        };
    }

    private static JsonObject Operation(string action, string name, string summary) => new()
    {
        ["action"] = action,
        ["summary"] = summary,
        ["channel"] = new JsonObject { ["$ref"] = $"#/channels/{name}" },
        ["messages"] = new JsonArray(new JsonObject { ["$ref"] = $"#/channels/{name}/messages/{name}" }),
        ["security"] = BrokerUser(),
    };

    private static JsonArray BrokerUser() => new(new JsonObject { ["$ref"] = "#/components/securitySchemes/brokerUser" });

    private static JsonNode Schema(Type type, XmlDocs docs)
    {
        var schema = Wire.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions
        {
            // A contract field without '?' is never null; a message is never null.
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                if (context.PropertyInfo is { } property && node is JsonObject o && !o.ContainsKey("description")
                    && docs.Parameter(property.DeclaringType, property.Name) is { } text)
                    o.Insert(0, "description", text);
                return node;
            },
        });
        if (schema is JsonObject root)
        {
            root["type"] = "object";
            if (!root.ContainsKey("description")) root.Insert(0, "description", docs.Summary(type));
        }
        return schema;
    }

    private static string Title(string service) => char.ToUpperInvariant(service[0]) + service[1..];

    internal static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>The contracts' XML documentation: a record's summary and its positional parameters.</summary>
    private sealed class XmlDocs(XDocument? xml)
    {
        public static XmlDocs For(Assembly assembly)
        {
            var file = Path.ChangeExtension(assembly.Location, ".xml");
            return new XmlDocs(File.Exists(file) ? XDocument.Load(file) : null);
        }

        private XElement? Member(Type type) =>
            xml?.Descendants("member").FirstOrDefault(m => (string?)m.Attribute("name") == $"T:{type.FullName}");

        public string Summary(Type type) => Clean(Member(type)?.Element("summary")?.Value) ?? type.Name;

        public string? Parameter(Type? type, string property) =>
            type is null ? null : Clean(Member(type)?.Elements("param")
                .FirstOrDefault(p => string.Equals((string?)p.Attribute("name"), property, StringComparison.OrdinalIgnoreCase))?.Value);

        private static string? Clean(string? text) =>
            string.IsNullOrWhiteSpace(text) ? null : string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
    }
}
