using Platform.Funding;
using Platform.Funding.Apis;
using Platform.Funding.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService<FundingDbContext>(FundingApi.Service).AddFundingServices();

var app = builder.Build();
app.MapPlatformService<FundingDbContext>(FundingApi.Service);
app.MapFundingApis();
await app.RunPlatformServiceAsync<FundingDbContext>();

public partial class Program; // visible to the tests' WebApplicationFactory
