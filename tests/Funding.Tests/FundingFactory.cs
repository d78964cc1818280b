using Microsoft.AspNetCore.Hosting;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Platform.Funding.Infrastructure;
using Platform.TestInfrastructure;

namespace Platform.Funding.Tests;

/// <summary>The real Funding service on its own database and vhost, with a fake clock; tests run the deadline checks themselves.</summary>
public sealed class FundingFactory(string database, string messaging, TestTokens tokens, TimeProvider clock) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:fundingdb", database);
        builder.UseSetting("ConnectionStrings:messaging", messaging);
        builder.UseSetting("Messaging:Outbox:Enabled", "false");
        builder.UseSetting("Funding:DeadlineWatcherEnabled", "false");
        builder.UseSetting("Retention:Enabled", "false");
        builder.UseSetting("Funding:EscalationTableId", FundingTestBase.Table);
        builder.ConfigureServices(services =>
        {
            tokens.TrustIn(services);
            // Tests publish as soon as the server is up: its queues must be bound by then.
            services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
            services.Replace(ServiceDescriptor.Singleton(clock));
        });
    }

    /// <summary>Started and migrated: now it gets its copy of the demo region's directory.</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        DemoDirectory.SeedAsync<FundingDbContext>(host.Services).GetAwaiter().GetResult();
        return host;
    }
}
