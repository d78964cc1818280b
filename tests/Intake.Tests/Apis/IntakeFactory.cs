using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Platform.Intake.Infrastructure;
using Platform.TestInfrastructure;

namespace Platform.Intake.Tests.Apis;

/// <summary>The real Intake service (migrations, outbox, auth) on its own database and vhost.</summary>
public sealed class IntakeFactory(string database, string messaging, TestTokens tokens, TimeProvider? clock = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:intakedb", database);
        builder.UseSetting("ConnectionStrings:messaging", messaging);
        // Events stay in the outbox, where the tests read them; the relay is tested in Messaging.Tests.
        builder.UseSetting("Messaging:Outbox:Enabled", "false");
        // Likewise the deadline watcher: tests run its checks themselves, with a fake clock.
        builder.UseSetting("Intake:DeadlineWatcherEnabled", "false");
        builder.UseSetting("Retention:Enabled", "false");
        builder.UseSetting("Privacy:ChildReferenceKey", Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7 + 1)).ToArray()));
        builder.ConfigureServices(services =>
        {
            tokens.TrustIn(services);
            if (clock is not null) services.Replace(ServiceDescriptor.Singleton(clock));
        });
    }

    /// <summary>Started and migrated: now it gets its copy of the demo region's directory.</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        DemoDirectory.SeedAsync<IntakeDbContext>(host.Services).GetAwaiter().GetResult();
        return host;
    }
}
