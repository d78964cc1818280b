using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.TestInfrastructure;

namespace Platform.Gateway.Tests;

/// <summary>The real gateway, its services replaced by an echo backend, trusting the test token key.</summary>
public sealed class GatewayFactory(EchoBackend backend, TestTokens tokens) : WebApplicationFactory<Program>
{
    public const int Burst = 5;
    public const int MaxBody = 1024;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ReverseProxy:Clusters:intake:Destinations:intake:Address", backend.Address);
        builder.UseSetting("ReverseProxy:Clusters:monitoring:Destinations:monitoring:Address", backend.Address);
        builder.UseSetting("Gateway:Limits:Burst", Burst.ToString());
        builder.UseSetting("Gateway:Limits:RequestsPerSecond", "1");
        builder.UseSetting("Gateway:Limits:MaxRequestBodyBytes", MaxBody.ToString());
        builder.ConfigureServices(tokens.TrustIn);
    }
}
