using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.TestInfrastructure;

namespace Platform.Directory.Tests;

/// <summary>The real Directory service on its own database and vhost, filled with the demo region at start.</summary>
public sealed class DirectoryFactory(string database, string messaging, TestTokens tokens, bool relay = false) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:directorydb", database);
        builder.UseSetting("ConnectionStrings:messaging", messaging);
        builder.UseSetting("Directory:SeedDemoRegion", "true");
        // Without the relay, the published snapshots stay in the outbox, where the tests read them.
        builder.UseSetting("Messaging:Outbox:Enabled", relay ? "true" : "false");
        builder.ConfigureServices(services =>
        {
            tokens.TrustIn(services);
            services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        });
    }
}
