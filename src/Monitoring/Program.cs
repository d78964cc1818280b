using Platform.Monitoring;
using Platform.Monitoring.Apis;
using Platform.Monitoring.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService<MonitoringDbContext>(MonitoringApi.Service).AddMonitoringServices();

var app = builder.Build();
app.MapPlatformService<MonitoringDbContext>(MonitoringApi.Service);
app.MapMonitoringApis();
await app.RunMonitoringAsync(args);

public partial class Program; // visible to the tests' WebApplicationFactory
