using Platform.Subscriptions;
using Platform.Subscriptions.Apis;
using Platform.Subscriptions.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService<SubscriptionsDbContext>(SubscriptionsApi.Service).AddSubscriptionsServices();

var app = builder.Build();
app.MapPlatformService<SubscriptionsDbContext>(SubscriptionsApi.Service);
app.MapSubscriptionsApi();
await app.RunPlatformServiceAsync<SubscriptionsDbContext>();

public partial class Program; // visible to the tests' WebApplicationFactory
