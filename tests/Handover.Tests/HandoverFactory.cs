using Platform.Handover.Infrastructure;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.TestInfrastructure;

namespace Platform.Handover.Tests;

/// <summary>The real Handover service on its own database and vhost, with a fake clock; tests run the deadline checks themselves.</summary>
public sealed class HandoverFactory(string database, string messaging, TestTokens tokens, TimeProvider clock) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:handoverdb", database);
        builder.UseSetting("ConnectionStrings:messaging", messaging);
        builder.UseSetting("Privacy:ChildReferenceKey", Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7 + 1)).ToArray()));
        builder.UseSetting("Messaging:Outbox:Enabled", "false");
        builder.UseSetting("Handover:DeadlineWatcherEnabled", "false");
        builder.UseSetting("Retention:Enabled", "false");
        builder.ConfigureServices(services =>
        {
            tokens.TrustIn(services);
            services.Replace(ServiceDescriptor.Singleton(clock));
        });
    }

    /// <summary>Started and migrated: now it gets its copy of the demo region's directory.</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        DemoDirectory.SeedAsync<HandoverDbContext>(host.Services).GetAwaiter().GetResult();
        return host;
    }
}
