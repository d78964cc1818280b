using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Village.Samples.IntegratorClient.Funding;
using Village.Samples.IntegratorClient.Intake;

namespace Village.Samples.IntegratorClient;

/// <summary>The generated clients of an organisation, each with a token for its API's scope, all through the gateway.</summary>
public sealed class PlatformClients(HttpClient gateway, string clientId, string clientSecret)
{
    public IntakeClient Intake { get; } = new(Adapter(gateway, clientId, clientSecret, "intake"));

    public FundingClient Funding { get; } = new(Adapter(gateway, clientId, clientSecret, "funding"));

    private static HttpClientRequestAdapter Adapter(HttpClient gateway, string clientId, string clientSecret, string scope) =>
        new(new BaseBearerTokenAuthenticationProvider(new ClientCredentials(gateway, clientId, clientSecret, scope)), httpClient: gateway)
        {
            BaseUrl = gateway.BaseAddress!.ToString().TrimEnd('/'),
        };
}
