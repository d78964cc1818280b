using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Platform.EndToEnd.Tests;

/// <summary>Demo region clients, with the development secrets listed in the README.</summary>
internal static class Demo
{
    public const string School = "school-bs-de-linde";
    public const string Municipality = "gemeente-maastricht";

    public static async Task<string?> TokenAsync(HttpClient gateway, string clientId, string? scope = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = $"{clientId}-dev-secret",
        };
        if (scope is not null) form["scope"] = scope;
        var response = await gateway.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        if (!response.IsSuccessStatusCode) return null;
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
    }

    /// <summary>A client for the gateway carrying a demo organisation's token.</summary>
    public static async Task<HttpClient> ClientAsync(HttpClient gateway, string clientId)
    {
        var token = await TokenAsync(gateway, clientId);
        Assert.NotNull(token);
        var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The body as JSON, after checking the status (the body is in the failure message).</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>
    /// The child reference the services compute for <paramref name="bsn"/>: the keyed hash under the
    /// development key the AppHost hands them (its `child-reference-key` parameter).
    /// </summary>
    public static string ChildReference(string bsn) =>
        "cr1-" + Convert.ToHexStringLower(HMACSHA256.HashData(
            Convert.FromBase64String("ZGV2ZWxvcG1lbnQtb25seS1jaGlsZC1yZWZlcmVuY2Uta2V5LW5vdC1mb3ItcHJvZHVjdGlvbg=="),
            Encoding.ASCII.GetBytes(bsn)));

    /// <summary>
    /// Funding's PlacementConfirmed, published on the platform's RabbitMQ in MassTransit's envelope as
    /// Funding's outbox relay will publish it: Funding itself does not exist yet.
    /// </summary>
    public static async Task PublishPlacementAsync(string messaging, string bsn, DateOnly startsOn)
    {
        var ct = TestContext.Current.CancellationToken;
        var factory = new ConnectionFactory { Uri = new Uri(messaging) };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true), ct);
        var envelope = JsonSerializer.SerializeToUtf8Bytes(new
        {
            messageId = Guid.NewGuid(),
            messageType = new[] { "urn:message:Platform.Contracts.Funding:PlacementConfirmed" },
            sentTime = DateTimeOffset.UtcNow,
            message = new
            {
                placementId = Guid.NewGuid(), caseId = Guid.NewGuid(), childReference = ChildReference(bsn), arrangementId = Guid.NewGuid(),
                kind = "collective", startsOn = startsOn.ToString("yyyy-MM-dd"), occurredAt = DateTimeOffset.UtcNow,
            },
        });
        await channel.BasicPublishAsync("Platform.Contracts.Funding:PlacementConfirmed", "", mandatory: true,
            new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true }, envelope, ct);
    }
}
