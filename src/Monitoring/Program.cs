using Platform.Messaging;
using Platform.Monitoring;
using Platform.Monitoring.Apis;
using Platform.Monitoring.Infrastructure;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAuthentication(MonitoringApi.Audience);
builder.AddMonitoringServices();
builder.Services.AddOpenApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapPlatformOpenApi(MonitoringApi.Prefix);
app.MapIndicatorsApi();

await app.MigrateDatabaseAsync<MonitoringDbContext>();
app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
