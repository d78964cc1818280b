using Platform.DemoRegion;
using Platform.Identity.Clients;

namespace Platform.Identity.DemoRegion;

/// <summary>
/// The demo region's seed step: one OAuth2 client per demo organisation, registered through the same
/// <see cref="ClientRegistry"/> as the region's office's admin API, with the secret configured for it in
/// <c>DemoRegion:ClientSecrets:&lt;clientId&gt;</c>. Only Development configuration holds such secrets, and the
/// step runs in Development only: anywhere else clients are onboarded as data (docs/identity.md).
/// </summary>
internal static partial class DemoClientSeeder
{
    public static async Task SeedDemoClientsAsync(this WebApplication app)
    {
        // "Testing" is the test hosts' Development: the same seed, outside the developer's profile.
        if (!People.DemoSignIn.ServesDemoRegion(app.Environment, app.Configuration)) return;
        var secrets = app.Configuration.GetSection("DemoRegion:ClientSecrets");
        await using var scope = app.Services.CreateAsyncScope();
        var clients = scope.ServiceProvider.GetRequiredService<ClientRegistry>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoClientSeeder));

        var seeded = 0;
        foreach (var organisation in SouthLimburg.Organisations())
        {
            var secret = secrets[organisation.Id];
            if (string.IsNullOrEmpty(secret)) continue;
            await clients.CreateOrUpdateAsync(new ClientRegistration(organisation.Id,
                new OrganisationAttributes(organisation.Id, organisation.Name, organisation.Type, organisation.Municipality, organisation.Swv),
                organisation.Roles, Scopes.For(organisation.Type, organisation.Roles), Keys: null, secret), CancellationToken.None);
            seeded++;
        }
        LogSeeded(logger, seeded);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo region: {Count} clients registered or updated.")]
    private static partial void LogSeeded(ILogger logger, int count);
}
