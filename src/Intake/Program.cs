using Platform.Intake;
using Platform.Intake.Apis;
using Platform.Intake.Infrastructure;
using Platform.Messaging;
using Platform.Messaging.Idempotency;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAuthentication(IntakeApi.Audience);
builder.AddIntakeServices();
builder.Services.AddPlatformOpenApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
// After authorisation: a key belongs to the token's organisation.
app.UseIdempotencyKeys<IntakeDbContext>();

app.MapDefaultEndpoints();
app.MapPlatformOpenApi(IntakeApi.Prefix);
app.MapReferralsApi();
app.MapCasesApi();

// Migrations first: the service takes no traffic on an old schema.
await app.MigrateDatabaseAsync<IntakeDbContext>();
app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
