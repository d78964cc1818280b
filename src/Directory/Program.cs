using Platform.Directory;
using Platform.Directory.Apis;
using Platform.Directory.Infrastructure;
using Platform.Directory.Publishing;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService<DirectoryDbContext>(DirectoryApi.Service).AddDirectoryServices();

var app = builder.Build();
app.MapPlatformService<DirectoryDbContext>(DirectoryApi.Service);
app.MapDirectoryApi();
// The demo region (Development) is registered and published before the first request.
await app.RunPlatformServiceAsync<DirectoryDbContext>(beforeTraffic: app.PrepareDirectoryAsync);

public partial class Program; // visible to the tests' WebApplicationFactory
