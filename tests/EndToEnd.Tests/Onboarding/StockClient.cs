using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Client;
using Platform.PlatformAdmin;

namespace Platform.EndToEnd.Tests.Onboarding;

/// <summary>
/// OpenIddict's own OAuth client, registered as an onboarded organisation registers the platform: the issuer (the
/// gateway), its client id, and its private key, signing RFC 7523 assertions (private_key_jwt).
/// </summary>
public sealed class StockClient : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private StockClient(ServiceProvider services) => _services = services;

    public static StockClient For(Uri issuer, string clientId, SecurityKey key)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOpenIddict().AddClient(options =>
        {
            options.AllowClientCredentialsFlow();
            options.DisableTokenStorage();
            options.UseSystemNetHttp();
            options.AddRegistration(new OpenIddictClientRegistration
            {
                Issuer = issuer,
                ClientId = clientId,
                SigningCredentials = { new SigningCredentials(key, SecurityAlgorithms.RsaSha256) },
            });
        });
        return new StockClient(services.BuildServiceProvider());
    }

    /// <summary>The client of a key pair made by <c>platform-admin keys new</c>: its private PEM, its key id.</summary>
    public static StockClient For(Uri issuer, string clientId, KeyPairs.Written keys)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(keys.PrivateKeyFile));
        return For(issuer, clientId, new RsaSecurityKey(rsa) { KeyId = keys.KeyId });
    }

    /// <summary>A token for the scopes; the gateway's limit on token requests (429) and a restart are waited out, a refusal is not.</summary>
    public async Task<string> TokenAsync(CancellationToken ct, params string[] scopes)
    {
        var service = _services.GetRequiredService<OpenIddictClientService>();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await service.AuthenticateWithClientCredentialsAsync(new() { Scopes = [.. scopes], CancellationToken = ct });
                return result.AccessToken;
            }
            catch (OpenIddictExceptions.ProtocolException ex) when (attempt < 20 && ex.Error is null or "" or OpenIddictConstants.Errors.ServerError
                or OpenIddictConstants.Errors.TemporarilyUnavailable)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
        }
    }

    /// <summary>An HTTP client for the gateway carrying a token for the scopes.</summary>
    public async Task<HttpClient> HttpClientAsync(Uri gateway, CancellationToken ct, params string[] scopes)
    {
        var client = new HttpClient { BaseAddress = gateway };
        client.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(ct, scopes));
        return client;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
