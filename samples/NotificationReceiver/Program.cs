using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Village.Samples.NotificationReceiver;

// A minimal receiver for the platform's notifications (docs/subscriptions.md). Configure:
//   Receiver:Secret        the secret the platform returned when you subscribed
//   Receiver:Gateway       the platform's gateway, e.g. https://village.example.org
//   Receiver:ClientId / Receiver:ClientSecret   your organisation's client, to read what changed
var builder = WebApplication.CreateBuilder(args);
var settings = builder.Configuration.GetSection("Receiver");
var verifier = new SignatureVerifier(settings["Secret"] ?? throw new InvalidOperationException("Receiver:Secret is required."));
var processed = new ConcurrentDictionary<Guid, bool>();
builder.Services.AddHttpClient();
var app = builder.Build();

app.MapPost("/notifications", async (HttpRequest request, IHttpClientFactory http, ILogger<Program> log) =>
{
    // Verify the raw body exactly as received, before parsing it.
    using var reader = new StreamReader(request.Body);
    var body = await reader.ReadToEndAsync();
    var verdict = verifier.Verify(request.Headers["Village-Signature"], body);
    if (verdict != Verdict.Valid)
    {
        log.LogWarning("Refused a notification: {Verdict}", verdict);
        return Results.Unauthorized();
    }

    var notification = JsonSerializer.Deserialize<JsonElement>(body);
    var deliveryId = notification.GetProperty("deliveryId").GetGuid();
    // At least once: the same delivery may come again (after a timeout, or a redelivery). Process it once.
    if (!processed.TryAdd(deliveryId, true)) return Results.Ok();

    log.LogInformation("{EventType} on {Resource}", notification.GetProperty("eventType").GetString(), notification.GetProperty("resource").GetString());
    if (settings["ClientId"] is { Length: > 0 } clientId)
    {
        // The notification says what changed, never who: read it with your own token and authorisation.
        var client = http.CreateClient();
        var token = await client.PostAsync($"{settings["Gateway"]}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = settings["ClientSecret"] ?? "",
        }));
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        using var read = new HttpRequestMessage(HttpMethod.Get, notification.GetProperty("resource").GetString());
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var resource = await client.SendAsync(read);
        log.LogInformation("Read it: {Status}", (int)resource.StatusCode);
    }
    // Answer quickly (the platform waits 5 s); do slow work after answering.
    return Results.Ok();
});

app.Run();
