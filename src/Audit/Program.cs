using Platform.Audit;
using Platform.Audit.Apis;
using Platform.Audit.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService<AuditDbContext>(AuditApi.Service).AddAuditServices();

var app = builder.Build();
app.MapPlatformService<AuditDbContext>(AuditApi.Service);
app.MapAuditApi();
// Migrations as the owner role, the service as the insert-only runtime role (AuditDatabase); or a command.
await app.RunAuditAsync(args);

public partial class Program; // visible to the tests' WebApplicationFactory
