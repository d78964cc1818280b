using Platform.Contracts;
using Platform.Http;
using Platform.Identity.DemoRegion;

namespace Platform.Identity.Clients;

/// <summary>
/// The region's office's own clients (the client administrator, the privacy officer) come from the operators'
/// configuration, in every environment, and only with keys (private_key_jwt): a new region's first client cannot come
/// from an API that needs a client, and these roles must not be given by one click of the office itself.
/// <code>
/// Identity:OfficeClients:&lt;clientId&gt;:OrganisationId    the office's organisation in the directory (type region)
/// Identity:OfficeClients:&lt;clientId&gt;:OrganisationName  its name, until Identity's copy of the directory has it
/// Identity:OfficeClients:&lt;clientId&gt;:Roles:0, :1, ...  e.g. client-admin, directory-admin; privacy-officer
/// Identity:OfficeClients:&lt;clientId&gt;:JwksFile          a JSON Web Key Set of public keys (a mounted Secret or ConfigMap)
/// </code>
/// A setting that is not right stops Identity at start-up, naming it.
/// </summary>
internal static partial class OfficeClients
{
    public const string Section = "Identity:OfficeClients";

    public static async Task SeedOfficeClientsAsync(this WebApplication app)
    {
        var configured = app.Configuration.GetSection(Section).GetChildren().ToList();
        if (configured.Count == 0) return;
        await using var scope = app.Services.CreateAsyncScope();
        var clients = scope.ServiceProvider.GetRequiredService<ClientRegistry>();
        foreach (var client in configured)
        {
            var registration = Read(client);
            await clients.CreateOrUpdateAsync(registration, CancellationToken.None);
            LogConfigured(scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OfficeClients)), registration.ClientId,
                string.Join(", ", registration.Roles));
        }
    }

    private static ClientRegistration Read(IConfigurationSection client)
    {
        var at = $"{Section}:{client.Key}";
        string Required(string name) => client[name] is { Length: > 0 } value ? value : throw new InvalidOperationException($"{at}:{name} is required.");
        if (!ClientIds.IsValid(client.Key)) throw new InvalidOperationException($"{at}: {ClientIds.Rule}");
        var roles = client.GetSection("Roles").GetChildren().Select(r => r.Value ?? "").ToList();
        var allowed = OrganisationRoles.AllowedFor(OrganisationTypes.Region);
        if (roles.Count == 0 || roles.Any(r => !allowed.Contains(r)))
            throw new InvalidOperationException($"{at}:Roles: one or more of {string.Join(", ", allowed)}.");
        var file = Required("JwksFile");
        var v = new Validation();
        var keys = ClientKeys.Read(System.Text.Json.JsonDocument.Parse(File.ReadAllText(file)).RootElement, v, "jwks");
        if (keys is null)
            throw new InvalidOperationException($"{at}:JwksFile ({file}): {string.Join(" ", v.Errors().SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")))}");
        var organisation = new OrganisationAttributes(Required("OrganisationId"), Required("OrganisationName"), OrganisationTypes.Region, null, null);
        return new ClientRegistration(client.Key, organisation, roles, Scopes.For(OrganisationTypes.Region), keys, Secret: null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Office client {ClientId} configured with roles {Roles}.")]
    private static partial void LogConfigured(ILogger logger, string clientId, string roles);
}
