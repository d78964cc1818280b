using Platform.Messaging;
using Platform.Messaging.Idempotency;
using Platform.Monitoring;
using Platform.Monitoring.Apis;
using Platform.Monitoring.Dashboard;
using Platform.Monitoring.Infrastructure;
using Platform.Monitoring.Projection;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAuthentication(MonitoringApi.Audience);
builder.AddMonitoringServices();
builder.Services.AddPlatformOpenApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
// After authorisation: a key belongs to the token's organisation.
app.UseIdempotencyKeys<MonitoringDbContext>();

app.MapDefaultEndpoints();
app.MapPlatformOpenApi(MonitoringApi.Prefix);
app.MapIndicatorsApi();
app.MapBaselinesApi();
app.MapDashboardPage();

await app.MigrateDatabaseAsync<MonitoringDbContext>();

// `dotnet Monitoring.dll rebuild`: replay the journal into a fresh read model, then stop (docs/operations.md).
if (args.Contains("rebuild"))
{
    await using var scope = app.Services.CreateAsyncScope();
    var result = await scope.ServiceProvider.GetRequiredService<ReadModelRebuild>().RunAsync(CancellationToken.None);
    Console.WriteLine($"Rebuilt the read model from {result.EventsReplayed} journal entries: {result.Subjects} subjects, {result.Facts} facts, {result.Took.TotalSeconds:0.0} s.");
    return;
}
app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
