using Platform.Identity;

var builder = WebApplication.CreateBuilder(args);
builder.AddIdentity();

var app = builder.Build();
app.MapIdentity();
await app.RunIdentityAsync();

public partial class Program; // visible to the tests' WebApplicationFactory
