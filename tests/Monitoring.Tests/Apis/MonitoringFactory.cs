using Platform.Monitoring.Infrastructure;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Hosting;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.TestInfrastructure;

namespace Platform.Monitoring.Tests.Apis;

/// <summary>The real Monitoring service on its own database and vhost.</summary>
public sealed class MonitoringFactory(string database, string messaging, TestTokens tokens, TimeProvider? clock = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:monitoringdb", database);
        builder.UseSetting("ConnectionStrings:messaging", messaging);
        builder.ConfigureServices(services =>
        {
            tokens.TrustIn(services);
            // Tests publish as soon as the server is up: its queues must be bound by then.
            services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
            if (clock is not null) services.Replace(ServiceDescriptor.Singleton(clock));
        });
    }

    /// <summary>Started and migrated: now it gets its copy of the demo region's directory.</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        DemoDirectory.SeedAsync<MonitoringDbContext>(host.Services).GetAwaiter().GetResult();
        return host;
    }
}
