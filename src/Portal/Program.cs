using Platform.Data;
using Platform.Portal;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortal();

var app = builder.Build();
app.MapPortal();
// Its key store first: no session is protected with a key the other replicas cannot read.
await app.MigrateDatabaseAsync<Platform.Portal.Infrastructure.PortalDbContext>();
await app.RunAsync();
