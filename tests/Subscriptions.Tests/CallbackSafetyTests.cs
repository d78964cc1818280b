using System.Net;
using System.Net.Http.Json;
using Platform.Subscriptions.Delivery;
using Platform.TestInfrastructure;

namespace Platform.Subscriptions.Tests;

/// <summary>One production-configured service for all the callback cases: they only register.</summary>
public sealed class ProductionService(TestServersFixture fixture) : SubscriptionTestBase(fixture, development: false)
{
    public HttpClient Municipality() => As("gemeente-maastricht", "municipality", "GM0935");
}

/// <summary>Outside Development: https only, and nothing that points into our own network (SSRF, OWASP API7).</summary>
public sealed class CallbackSafetyTests(ProductionService service) : IClassFixture<ProductionService>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http://partner.example.org/notify", "Must be https.")]
    [InlineData("https://127.0.0.1/notify", "Not a loopback address.")]
    [InlineData("https://localhost:8443/notify", "Not a loopback address.")]
    [InlineData("https://169.254.169.254/latest/meta-data", "Not an internal")]
    [InlineData("https://10.0.0.7/notify", "Not an internal")]
    [InlineData("https://192.168.1.20/notify", "Not an internal")]
    [InlineData("https://[fd00::1]/notify", "Not an internal")]
    [InlineData("https://[::ffff:127.0.0.1]/notify", "Not a loopback address.")]
    [InlineData("https://[64:ff9b::a00:1]/notify", "Not an internal")]
    [InlineData("https://93.184.216.34:8443/notify", "On port 443.")]
    [InlineData("https://user:pw@partner.example.org/notify", "No credentials")]
    [InlineData("ftp://partner.example.org/notify", "An absolute https URL.")]
    [InlineData("notify", "An absolute https URL.")]
    public async Task An_unsafe_callback_url_is_refused_naming_the_field(string url, string reason)
    {
        var client = service.Municipality();
        var problem = await SubscriptionTestBase.ReadAsync(await client.PostAsJsonAsync("/api/subscriptions/subscriptions", new { callbackUrl = url, channels = new[] { "thuiszitters" } }, Ct), HttpStatusCode.BadRequest);
        Assert.StartsWith(reason, problem.GetProperty("errors").GetProperty("callbackUrl")[0].GetString());
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.0.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("::10.0.0.1", true)]
    [InlineData("64:ff9b::169.254.169.254", true)]
    [InlineData("2002:c0a8:0101::1", true)]
    [InlineData("198.18.0.1", true)]
    [InlineData("93.184.216.34", false)]
    [InlineData("2606:4700::1111", false)]
    public void Internal_addresses_are_recognised_also_when_a_name_resolves_to_them_at_connect_time(string address, bool internalAddress) =>
        Assert.Equal(internalAddress, CallbackUrls.IsInternal(IPAddress.Parse(address)));
}
