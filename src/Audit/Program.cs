using Platform.Audit;
using Platform.Audit.Apis;
using Platform.Audit.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService<AuditDbContext>(AuditApi.Service).AddAuditServices();

var app = builder.Build();
app.MapPlatformService<AuditDbContext>(AuditApi.Service);
app.MapAuditApi();
await app.RunPlatformServiceAsync<AuditDbContext>();

public partial class Program; // visible to the tests' WebApplicationFactory
