using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEnd.Tests;

/// <summary>The first journey through the gateway, as an integrating school and municipality do it.</summary>
[Collection(nameof(Quiet))]
public sealed class FirstJourneyTests(PlatformFixture platform, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpRequestMessage Authorized(HttpMethod method, string path, string token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    [Fact]
    public async Task Discovery_is_published_through_the_gateway()
    {
        var discovery = await platform.Gateway.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration", Ct);

        Assert.EndsWith("/connect/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Contains("client_credentials", discovery.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task A_referral_through_the_gateway_is_counted_by_Monitoring()
    {
        var school = await Demo.TokenAsync(platform.Gateway, Demo.School);
        var municipality = await Demo.TokenAsync(platform.Gateway, Demo.Municipality);
        Assert.NotNull(school);
        Assert.NotNull(municipality);

        async Task<string> RegionAsync() =>
            (await (await platform.Gateway.SendAsync(Authorized(HttpMethod.Get, "/api/monitoring/indicators", municipality!), Ct))
                .Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("indicators").EnumerateArray()
                .Single(i => i.GetProperty("indicator").GetString() == "referrals-received").GetProperty("region").GetString()!;

        async Task<Stopwatch> ReferAsync(int count)
        {
            var sinceLast = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                var response = await platform.Gateway.SendAsync(Authorized(HttpMethod.Post, "/api/intake/referrals", school!, JsonContent.Create(new
                {
                    child = new { bsn = "111222333", givenName = "Sanne", familyName = "Jansen", dateOfBirth = "2015-04-01", homeMunicipality = "GM0935" },
                    supportNeeds = new[] { new { domain = "learning", description = "Reading lags behind." } },
                    triedSoFar = "Extra reading support in class.",
                    urgency = "soon",
                })), Ct);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                Assert.NotNull(response.Headers.Location);
                sinceLast.Restart();
            }
            return sinceLast;
        }

        async Task<string> WaitForAsync(Func<string, bool> reached, Stopwatch since)
        {
            var region = await RegionAsync();
            while (!reached(region) && since.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50, Ct);
                region = await RegionAsync();
            }
            return region;
        }

        // Below 5 the figure is "<5" (small-cell suppression), so first make the baseline a number.
        var baseline = await RegionAsync();
        if (baseline == "<5") baseline = await WaitForAsync(r => r != "<5", await ReferAsync(5));
        Assert.NotEqual("<5", baseline);
        // Other tests' referrals may still be on their way: take the baseline once it holds still.
        for (var stable = Stopwatch.StartNew(); stable.Elapsed < TimeSpan.FromSeconds(2);)
        {
            await Task.Delay(100, Ct);
            var now = await RegionAsync();
            if (now != baseline) (baseline, stable) = (now, Stopwatch.StartNew());
        }

        var sinceLastCreated = await ReferAsync(5);
        var expected = (int.Parse(baseline) + 5).ToString();
        var region = await WaitForAsync(r => r == expected, sinceLastCreated);

        // Reported, not asserted: a shared build machine's timing is no test verdict.
        output.WriteLine($"Counted by Monitoring {sinceLastCreated.ElapsedMilliseconds} ms after the last 201.");
        File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "measurements.log"), $"{DateTime.UtcNow:O} Referrals counted by Monitoring {sinceLastCreated.ElapsedMilliseconds} ms after the last 201.\n");
        Assert.Equal(expected, region);
    }

    [Fact]
    public async Task Without_a_token_or_with_a_token_for_another_service_the_gateway_refuses()
    {
        var anonymous = await platform.Gateway.GetAsync("/api/intake/referrals/00000000-0000-0000-0000-000000000001", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var monitoringOnly = await Demo.TokenAsync(platform.Gateway, Demo.School, scope: "monitoring");
        var wrongService = await platform.Gateway.SendAsync(
            Authorized(HttpMethod.Get, "/api/intake/referrals/00000000-0000-0000-0000-000000000001", monitoringOnly!), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, wrongService.StatusCode);
    }

    [Fact]
    public async Task A_wrong_client_secret_gets_no_token()
    {
        var response = await platform.Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = Demo.School,
            ["client_secret"] = "guessed",
        }), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Each_service_publishes_its_OpenAPI_document_through_the_gateway()
    {
        foreach (var service in new[] { "intake", "funding", "attendance", "handover", "monitoring", "subscriptions", "directory", "audit" })
        {
            var document = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/{service}/openapi/v1.json", Ct);
            Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        }
    }
}
