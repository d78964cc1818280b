using System.Text.Json;
using OpenIddict.Abstractions;
using Platform.DemoRegion;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.DemoRegion;

/// <summary>
/// Registers one OAuth2 client per demo organisation, with the secret configured for it in
/// <c>DemoRegion:ClientSecrets:&lt;clientId&gt;</c>. Only Development configuration holds such
/// secrets, so outside Development nothing is seeded unless an operator configures it on purpose.
/// The organisation's attributes are stored on the client, so tokens can carry them.
/// </summary>
internal static partial class DemoClientSeeder
{
    public static async Task SeedDemoClientsAsync(this WebApplication app)
    {
        var secrets = app.Configuration.GetSection("DemoRegion:ClientSecrets");
        await using var scope = app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoClientSeeder));

        var seeded = 0;
        foreach (var organisation in SouthLimburg.Organisations())
        {
            var secret = secrets[organisation.Id];
            if (string.IsNullOrEmpty(secret)) continue;

            var descriptor = Describe(organisation, secret);
            var existing = await manager.FindByClientIdAsync(organisation.Id);
            if (existing is null) await manager.CreateAsync(descriptor);
            else await manager.UpdateAsync(existing, descriptor);
            seeded++;
        }
        LogSeeded(logger, seeded);
    }

    private static OpenIddictApplicationDescriptor Describe(DemoOrganisation organisation, string secret)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = organisation.Id,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = organisation.Name,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in Scopes.For(organisation.Type))
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);

        descriptor.Properties[OrganisationProperties.Type] = JsonSerializer.SerializeToElement(organisation.Type);
        descriptor.Properties[OrganisationProperties.Roles] = JsonSerializer.SerializeToElement(organisation.Roles);
        if (organisation.Municipality is not null)
            descriptor.Properties[OrganisationProperties.Municipality] = JsonSerializer.SerializeToElement(organisation.Municipality);
        if (organisation.Swv is not null)
            descriptor.Properties[OrganisationProperties.Swv] = JsonSerializer.SerializeToElement(organisation.Swv);
        return descriptor;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo region: {Count} clients registered or updated.")]
    private static partial void LogSeeded(ILogger logger, int count);
}

/// <summary>Names of the organisation attributes stored on an OAuth2 client.</summary>
internal static class OrganisationProperties
{
    public const string Type = "org_type";
    public const string Roles = "roles";
    public const string Municipality = "municipality";
    public const string Swv = "swv";
}
