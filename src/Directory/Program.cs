using Platform.Directory;
using Platform.Directory.Apis;
using Platform.Directory.Infrastructure;
using Platform.Directory.Publishing;
using Platform.Messaging;
using Platform.Messaging.Idempotency;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAuthentication(DirectoryApi.Audience);
builder.AddDirectoryServices();
builder.Services.AddPlatformOpenApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
// After authorisation: a key belongs to the token's organisation.
app.UseIdempotencyKeys<DirectoryDbContext>();

app.MapDefaultEndpoints();
app.MapPlatformOpenApi(DirectoryApi.Prefix);
app.MapRegionApi();
app.MapOrganisationsApi();
app.MapLocationsApi();
app.MapPupilCountsApi();

await app.MigrateDatabaseAsync<DirectoryDbContext>();
// The demo region (Development) is registered and published before the first request.
await app.PrepareDirectoryAsync();
app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
