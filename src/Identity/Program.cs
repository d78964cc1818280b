using Platform.Identity;
using Platform.Identity.DemoRegion;
using Platform.Identity.Infrastructure;
using Platform.Identity.People;
using Platform.Identity.Token;
using Platform.Messaging;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIdentityServer();
builder.Services.AddAuthorization();
builder.Services.AddDemoSignIn();

var app = builder.Build();

// Behind the gateway, discovery documents and redirects must name the gateway's address, not ours.
app.UseGatewayForwardedHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapTokenEndpoint();
app.MapAuthorizeEndpoint();
app.MapEndSessionEndpoint();
app.MapDemoSignIn();

await app.MigrateDatabaseAsync<IdentityDbContext>();
await app.SeedDemoClientsAsync();
await app.SeedPortalClientAsync();
app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
