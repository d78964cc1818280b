using Platform.Audit;
using Platform.Audit.Apis;
using Platform.Audit.Infrastructure;
using Platform.Messaging;
using Platform.Messaging.Idempotency;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAuthentication(AuditApi.Audience);
builder.AddAuditServices();
builder.Services.AddPlatformOpenApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
// After authorisation: a key belongs to the token's organisation.
app.UseIdempotencyKeys<AuditDbContext>();

app.MapDefaultEndpoints();
app.MapPlatformOpenApi(AuditApi.Prefix);
app.MapAuditApi();

await app.MigrateDatabaseAsync<AuditDbContext>();
app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
