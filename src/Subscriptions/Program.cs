using Platform.Messaging;
using Platform.Messaging.Idempotency;
using Platform.ServiceDefaults;
using Platform.Subscriptions;
using Platform.Subscriptions.Apis;
using Platform.Subscriptions.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAuthentication(SubscriptionsApi.Audience);
builder.AddSubscriptionsServices();
builder.Services.AddPlatformOpenApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
// After authorisation: a key belongs to the token's organisation.
app.UseIdempotencyKeys<SubscriptionsDbContext>();

app.MapDefaultEndpoints();
app.MapPlatformOpenApi(SubscriptionsApi.Prefix);
app.MapSubscriptionsApi();

await app.MigrateDatabaseAsync<SubscriptionsDbContext>();
app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
