using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using Village.Samples.NotificationReceiver;

// A minimal receiver for the platform's notifications (docs/subscriptions.md). Configure:
//   Receiver:Secret        the secret the platform returned when you subscribed
//   Receiver:Gateway       the platform's gateway, e.g. https://village.example.org
//   Receiver:ClientId / Receiver:ClientSecret   your organisation's client, to read what changed
var builder = WebApplication.CreateBuilder(args);
var settings = builder.Configuration.GetSection("Receiver");
var verifier = new SignatureVerifier(settings["Secret"] ?? throw new InvalidOperationException("Receiver:Secret is required."));
var accepted = new ConcurrentDictionary<Guid, bool>();
var work = Channel.CreateUnbounded<JsonElement>();
builder.Services.AddHttpClient();
var app = builder.Build();

app.MapPost("/notifications", async (HttpRequest request, ILogger<Program> log) =>
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
    // At least once: the same delivery may come again (after a timeout, or a redelivery). Handle it once.
    if (!accepted.TryAdd(deliveryId, true)) return Results.Ok();

    // Answer within the platform's 5 s; the work happens after answering, from a queue of your own.
    work.Writer.TryWrite(notification);
    return Results.Ok();
});

// The work: the notification says what changed, never who. Read it with your own token and authorisation.
_ = Task.Run(async () =>
{
    var log = app.Services.GetRequiredService<ILogger<Program>>();
    var http = app.Services.GetRequiredService<IHttpClientFactory>();
    await foreach (var notification in work.Reader.ReadAllAsync())
    {
        try
        {
            log.LogInformation("{EventType} on {Resource}", notification.GetProperty("eventType").GetString(), notification.GetProperty("resource").GetString());
            if (settings["ClientId"] is not { Length: > 0 } clientId) continue;
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
        catch (Exception ex)
        {
            // A real receiver keeps the notification in durable storage and retries its own work;
            // the platform has done its part once it got the 2xx.
            log.LogError(ex, "Handling a notification failed.");
        }
    }
});


app.Run();
