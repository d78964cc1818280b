using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.TestInfrastructure;

namespace Platform.Monitoring.Tests.Apis;

/// <summary>The real Monitoring service on its own database and vhost.</summary>
public sealed class MonitoringFactory(string database, string messaging, TestTokens tokens) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:monitoringdb", database);
        builder.UseSetting("ConnectionStrings:messaging", messaging);
        builder.ConfigureServices(tokens.TrustIn);
    }
}
