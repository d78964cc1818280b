using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Platform.TestInfrastructure;

/// <summary>
/// One service per test class on its own database and virtual host, and clients that carry a
/// token for any organisation. Derive, and override <see cref="Setup"/> for the service's extras.
/// </summary>
public abstract class ServiceTestBase<TProgram, TDb>(TestServersFixture fixture) : IAsyncLifetime
    where TProgram : class where TDb : DbContext
{
    protected readonly TestTokens Tokens = new();
    protected ServiceFactory<TProgram, TDb> Service = null!;
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The token audience of the service: <c>funding-api</c> for Funding.</summary>
    protected virtual string Audience => $"{ServiceFactory<TProgram, TDb>.Name.ToLowerInvariant()}-api";

    /// <summary>The service's extras; <see cref="Tokens"/> are filled in.</summary>
    protected virtual ServiceSetup Setup => new();

    public virtual async ValueTask InitializeAsync() =>
        Service = await ServiceFactory<TProgram, TDb>.StartAsync(fixture.Servers, Setup with { Tokens = Tokens });

    public virtual async ValueTask DisposeAsync()
    {
        if (Service is not null)
        {
            await Service.DisposeAsync();
            await TestVirtualHost.DeleteAsync(fixture.Servers, Service.Messaging);
            await TestDatabase.DropAsync(fixture.Servers, Service.Database);
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>A client for <paramref name="organisation"/>, with its type, municipality, SWV and roles in the token.</summary>
    protected HttpClient As(string organisation, string type, string? municipality = "GM0935", string? swv = null, params string[] roles) =>
        Service.WithToken(Tokens.For(organisation, Audience, type, municipality: municipality, roles: roles, swv: swv));

    protected Task<T> InDbAsync<T>(Func<TDb, Task<T>> read) => Service.InDbAsync(read);

    /// <summary>The response's JSON body, after asserting its status (the body is in the failure message).</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement;
    }
}
