using Platform.Handover;
using Platform.Handover.Apis;
using Platform.Handover.Infrastructure;
using Platform.Messaging;
using Platform.Messaging.Idempotency;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAuthentication(HandoverApi.Audience);
builder.AddHandoverServices();
builder.Services.AddPlatformOpenApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
// After authorisation: a key belongs to the token's organisation.
app.UseIdempotencyKeys<HandoverDbContext>();

app.MapDefaultEndpoints();
app.MapPlatformOpenApi(HandoverApi.Prefix);
app.MapHandoversApi();

await app.MigrateDatabaseAsync<HandoverDbContext>();
app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
