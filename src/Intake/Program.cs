using Platform.Intake;
using Platform.Intake.Apis;
using Platform.Intake.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService<IntakeDbContext>(IntakeApi.Service).AddIntakeServices();

var app = builder.Build();
app.MapPlatformService<IntakeDbContext>(IntakeApi.Service);
app.MapIntakeApis();
await app.RunPlatformServiceAsync<IntakeDbContext>();

public partial class Program; // visible to the tests' WebApplicationFactory
