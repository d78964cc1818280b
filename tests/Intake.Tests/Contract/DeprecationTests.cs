using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.Http.OpenApi;

namespace Platform.Intake.Tests.Contract;

/// <summary>
/// The change policy's deprecation (docs/api/versioning.md), on a host of its own with the platform's
/// OpenAPI frame: a deprecated endpoint says so in every answer and in the document.
/// </summary>
public sealed class DeprecationTests
{
    private static readonly DateTimeOffset Since = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_deprecated_endpoint_answers_with_Deprecation_Sunset_and_the_policy_link_and_the_document_marks_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddPlatformOpenApi(new ApiDocument("Test API", "/api/test", "test"));
        await using var app = builder.Build();
        app.MapGet("/api/test/old", () => TypedResults.Ok(new { ok = true })).WithName("Old").WithSummary("The old way.")
            .Deprecated(Since, Since.AddMonths(7)).AllowAnonymous();
        app.MapPlatformOpenApi("/api/test");
        await app.StartAsync(ct);
        using var client = app.GetTestClient();

        var answer = await client.GetAsync("/api/test/old", ct);
        Assert.Equal($"@{Since.ToUnixTimeSeconds()}", answer.Headers.GetValues("Deprecation").Single());
        Assert.Equal("Sun, 01 Aug 2027 00:00:00 GMT", answer.Headers.GetValues("Sunset").Single());
        Assert.Contains(answer.Headers.GetValues("Link"), l => l.Contains("rel=\"deprecation\"", StringComparison.Ordinal));

        var document = await client.GetFromJsonAsync<JsonElement>("/api/test/openapi/v1.json", ct);
        var operation = document.GetProperty("paths").GetProperty("/api/test/old").GetProperty("get");
        Assert.True(operation.GetProperty("deprecated").GetBoolean());
        Assert.Contains("2027-08-01", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sunset_sooner_than_six_months_after_deprecation_is_refused()
    {
        var builder = WebApplication.CreateSlimBuilder();
        using var app = builder.Build();
        Assert.Throws<ArgumentException>(() => app.MapGet("/x", () => "x").Deprecated(Since, Since.AddMonths(3)));
    }
}
