using Platform.Handover;
using Platform.Handover.Apis;
using Platform.Handover.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService<HandoverDbContext>(HandoverApi.Service).AddHandoverServices();

var app = builder.Build();
app.MapPlatformService<HandoverDbContext>(HandoverApi.Service);
app.MapHandoverApis();
await app.RunPlatformServiceAsync<HandoverDbContext>();

public partial class Program; // visible to the tests' WebApplicationFactory
