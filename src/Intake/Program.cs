using Platform.ChildLinks;
using Platform.Intake;
using Platform.Intake.Apis;
using Platform.Intake.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService<IntakeDbContext>(IntakeApi.Service).AddIntakeServices();

var app = builder.Build();
app.MapPlatformService<IntakeDbContext>(IntakeApi.Service);
app.MapReferralsApi();
app.MapCasesApi();
app.MapChildLinksApi<IntakeDbContext>(IntakeApi.Prefix, Platform.Contracts.ConsentPurposes.Support);
await app.RunPlatformServiceAsync<IntakeDbContext>();

public partial class Program; // visible to the tests' WebApplicationFactory
