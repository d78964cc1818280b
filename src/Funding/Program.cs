using Platform.Funding;
using Platform.Funding.Apis;
using Platform.Funding.Infrastructure;
using Platform.Messaging;
using Platform.Messaging.Idempotency;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAuthentication(FundingApi.Audience);
builder.AddFundingServices();
builder.Services.AddPlatformOpenApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
// After authorisation: a key belongs to the token's organisation.
app.UseIdempotencyKeys<FundingDbContext>();

app.MapDefaultEndpoints();
app.MapPlatformOpenApi(FundingApi.Prefix);
app.MapBudgetsApi();
app.MapArrangementsApi();
app.MapTlvApi();

await app.MigrateDatabaseAsync<FundingDbContext>();
app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
