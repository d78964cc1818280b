using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Platform.EndToEnd.Tests.Contracts;

/// <summary>
/// The request examples in the committed OpenAPI documents work: each example of an operation
/// without path parameters is sent through the gateway as the demo organisation that would send
/// it, and is accepted. An example that stops working fails here, not at an integrator's desk.
/// </summary>
public sealed class RequestExamplesTests(PlatformFixture platform)
{
    /// <summary>Who sends each example (the demo region's organisations).</summary>
    private static readonly Dictionary<string, string> Sender = new()
    {
        ["SubmitReferral"] = Demo.School,
        ["DraftArrangement"] = Demo.Swv,
        ["SubmitAbsenceReport"] = Demo.School,
        ["StartHandover"] = Demo.School,
    };

    [Fact]
    public async Task Every_request_example_without_path_parameters_is_accepted_through_the_gateway()
    {
        var ct = TestContext.Current.CancellationToken;
        var swv = await Demo.ClientAsync(platform.Gateway, Demo.Swv);
        await Demo.FundersHoldBudgetsAsync(swv, await Demo.ClientAsync(platform.Gateway, Demo.Municipality));
        // The examples' arrangement runs in 2026.
        foreach (var (client, line) in new[] { (swv, "education-support"), (swv, "basic-support") })
            await Demo.ReadAsync(await client.PutAsJsonAsync($"/api/funding/budgets/2026/{line}", new { amountCents = 50_000_000_000L }, ct), System.Net.HttpStatusCode.OK);
        var maastricht = await Demo.ClientAsync(platform.Gateway, Demo.Municipality);
        foreach (var line in new[] { "youth-care", "basic-support" })
            await Demo.ReadAsync(await maastricht.PutAsJsonAsync($"/api/funding/budgets/2026/{line}", new { amountCents = 50_000_000_000L }, ct), System.Net.HttpStatusCode.OK);

        // The handover example's child: a handover starts only under a consent for it naming both schools (#25 point 3).
        await Demo.HandoverConsentAsync(platform.Gateway, "273645195", "Noor", "Claessens", "2014-04-04", "school-vo-college-parkstad");

        var sent = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root(), "docs", "openapi"), "*.json"))
        {
            var document = JsonNode.Parse(await File.ReadAllTextAsync(file, ct))!;
            foreach (var (path, item) in document["paths"]!.AsObject())
                foreach (var (method, operation) in item!.AsObject())
                {
                    if (path.Contains('{') || operation?["requestBody"]?["content"]?["application/json"]?["example"] is not { } example) continue;
                    var id = (string)operation["operationId"]!;
                    Assert.True(Sender.TryGetValue(id, out var sender), $"Say in {nameof(Sender)} who sends the example of {id}.");
                    var client = await Demo.ClientAsync(platform.Gateway, sender);
                    // Handover learns of the consent from Intake's events: until then it answers the 422 for a missing handover consent.
                    var (answer, _) = await Platform.TestInfrastructure.Eventually.ValueAsync(
                        () => Demo.UntilHandoverKnowsConsentAsync(() =>
                            client.SendAsync(new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path) { Content = JsonContent.Create(example) }, ct)),
                        r => id != "StartHandover" || !r.AwaitsConsent, "Handover to learn of the handover consent", TimeSpan.FromSeconds(15), ct);
                    Assert.True(answer.IsSuccessStatusCode,
                        $"The example of {id} ({method.ToUpperInvariant()} {path}) was answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(ct)}");
                    sent.Add(id);
                }
        }
        Assert.Equal(Sender.Keys.Order(), sent.Order());
    }
}
