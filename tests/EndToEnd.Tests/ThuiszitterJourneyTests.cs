using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Platform.EndToEnd.Tests;

/// <summary>A school reports long absence; the municipality sees a thuiszitter; the actietafel gets it at 3 months; a placement resolves it.</summary>
[Collection(nameof(Platform))]
public sealed class ThuiszitterJourneyTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")).DateTime);

    private async Task<HttpClient> AsAsync(string clientId)
    {
        var token = await Demo.TokenAsync(platform.Gateway, clientId);
        Assert.NotNull(token);
        var client = new HttpClient { BaseAddress = platform.Gateway.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<JsonElement?> WaitForAsync(Func<Task<JsonElement?>> probe, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found) return found;
            await Task.Delay(500, Ct);
        }
        return null;
    }

    [Fact]
    public async Task Long_absence_becomes_a_thuiszitter_that_escalates_and_a_placement_resolves()
    {
        var school = await AsAsync("school-bs-de-linde");
        var maastricht = await AsAsync("gemeente-maastricht");
        var table = await AsAsync("escalatietafel-zuid-limburg");
        var heerlen = await AsAsync("gemeente-heerlen");

        // At home for four months already: past the thuiszitterspact's three-month limit.
        var report = await school.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = new { bsn = "345678904", givenName = "Lotte", familyName = "Hermans", dateOfBirth = "2012-03-03", homeMunicipality = "GM0935" },
            kind = "long-term-relative",
            firstAbsentOn = Today.AddMonths(-4).ToString("yyyy-MM-dd"),
        }, Ct);
        var reported = JsonDocument.Parse(await report.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.True(report.StatusCode == HttpStatusCode.Created, reported.ToString());
        var caseId = reported.GetProperty("thuiszitterCaseId").GetGuid();

        var seen = await maastricht.GetFromJsonAsync<JsonElement>($"/api/attendance/thuiszitters/{caseId}", Ct);
        Assert.True(seen.GetProperty("daysAtHome").GetInt32() > 100);
        Assert.Equal(HttpStatusCode.NotFound, (await heerlen.GetAsync($"/api/attendance/thuiszitters/{caseId}", Ct)).StatusCode);

        // The deadline watcher sends it to the actietafel.
        var escalated = await WaitForAsync(async () =>
        {
            var response = await table.GetAsync($"/api/attendance/thuiszitters/{caseId}", Ct);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(Ct) : null;
        }, TimeSpan.FromSeconds(60));
        Assert.NotNull(escalated);
        Assert.Equal("escalated", escalated.Value.GetProperty("status").GetString());

        // Funding (a service still to come) confirms a placement: its event resolves the case.
        var childReference = await ChildReferenceAsync(caseId);
        await PublishPlacementAsync(childReference);
        var resolved = await WaitForAsync(async () =>
        {
            var current = await maastricht.GetFromJsonAsync<JsonElement>($"/api/attendance/thuiszitters/{caseId}", Ct);
            return current.GetProperty("status").GetString() == "resolved" ? current : null;
        }, TimeSpan.FromSeconds(30));
        Assert.NotNull(resolved);
        Assert.Equal("placed-in-arrangement", resolved.Value.GetProperty("resolution").GetString());
    }

    /// <summary>
    /// Funding will know the child only by its reference: the keyed hash of the BSN under the
    /// regional key, which in development is the AppHost's `child-reference-key` parameter.
    /// </summary>
    private static Task<string> ChildReferenceAsync(Guid caseId)
    {
        _ = caseId;
        var key = Convert.FromBase64String("ZGV2ZWxvcG1lbnQtb25seS1jaGlsZC1yZWZlcmVuY2Uta2V5LW5vdC1mb3ItcHJvZHVjdGlvbg==");
        return Task.FromResult("cr1-" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(key, Encoding.ASCII.GetBytes("345678904"))));
    }

    private async Task PublishPlacementAsync(string childReference)
    {
        var factory = new ConnectionFactory { Uri = new Uri(platform.Messaging) };
        await using var connection = await factory.CreateConnectionAsync(Ct);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true), Ct);
        // MassTransit's envelope, as Funding's outbox relay will publish it.
        var envelope = JsonSerializer.SerializeToUtf8Bytes(new
        {
            messageId = Guid.NewGuid(),
            messageType = new[] { "urn:message:Platform.Contracts.Funding:PlacementConfirmed" },
            sentTime = DateTimeOffset.UtcNow,
            message = new
            {
                placementId = Guid.NewGuid(), caseId = Guid.NewGuid(), childReference, arrangementId = Guid.NewGuid(),
                kind = "collective", startsOn = Today.AddDays(7).ToString("yyyy-MM-dd"), occurredAt = DateTimeOffset.UtcNow,
            },
        });
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true };
        await channel.BasicPublishAsync("Platform.Contracts.Funding:PlacementConfirmed", "", mandatory: true, properties, envelope, Ct);
    }
}
