using Platform.Monitoring;
using Platform.Monitoring.Apis;
using Platform.Monitoring.Dashboard;
using Platform.Monitoring.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService<MonitoringDbContext>(MonitoringApi.Service).AddMonitoringServices();

var app = builder.Build();
// Fails at start-up, not at the first request, when production has no cell-key secret.
app.Services.GetRequiredService<Platform.Monitoring.Domain.CellKeyPerturbation>();
app.MapPlatformService<MonitoringDbContext>(MonitoringApi.Service);
app.MapIndicatorsApi();
app.MapBaselinesApi();
app.MapDashboardPage();
await app.RunMonitoringAsync(args);
public partial class Program; // visible to the tests' WebApplicationFactory
