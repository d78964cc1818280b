using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Platform.Bench.Scenarios;

/// <summary>
/// HTTP clients for the gateway and for the services directly, carrying the same demo school's
/// token (services validate tokens themselves, so the direct path differs only by the gateway).
/// Connections are pooled generously so the open-model driver is never limited by them.
/// </summary>
public sealed class PlatformApi : IDisposable
{
    public const string School = "school-bs-de-linde";

    private PlatformApi(HttpClient gateway, HttpClient intake, HttpClient monitoring)
    {
        Gateway = gateway;
        Intake = intake;
        Monitoring = monitoring;
    }

    public HttpClient Gateway { get; }
    public HttpClient Intake { get; }
    public HttpClient Monitoring { get; }

    public static async Task<PlatformApi> CreateAsync(Uri gateway, Uri intake, Uri monitoring, CancellationToken ct)
    {
        var anonymous = Client(gateway, null);
        var token = new RenewedToken(anonymous, School, await RenewedToken.FetchAsync(anonymous, School, ct));
        return new PlatformApi(Client(gateway, token), Client(intake, token), Client(monitoring, token)) { _anonymous = anonymous, _token = token };
    }

    private HttpClient? _anonymous;
    private RenewedToken? _token;

    internal static HttpClient Client(Uri baseAddress, RenewedToken? token, TimeSpan? timeout = null)
    {
        HttpMessageHandler handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 512,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        if (token is not null) handler = new BearerHandler(token) { InnerHandler = handler };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
    }

    /// <summary>A client of its own with a long timeout: for an answer that is known to take minutes (the monitor's first computation).</summary>
    public HttpClient Patient(Uri baseAddress) => Client(baseAddress, _token, TimeSpan.FromMinutes(10));


    /// <summary>A new referral for a new child (a random valid BSN) with a new Idempotency-Key: 201.</summary>
    public static async Task<Referral?> SubmitReferralAsync(HttpClient client, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/referrals")
        {
            Content = new StringContent(ReferralBody(NewBsn()), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.Created) return null;
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        return new Referral(body.RootElement.GetProperty("id").GetGuid());
    }

    /// <summary>The case of a referral, as its referrer reads it back (null while the referrer may not open it).</summary>
    public static async Task<Guid?> CaseOfReferralAsync(HttpClient referrer, Guid referral, CancellationToken ct)
    {
        using var response = await referrer.GetAsync($"/api/intake/referrals/{referral}", ct);
        if (response.StatusCode != HttpStatusCode.OK) return null;
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        return body.RootElement.TryGetProperty("caseId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetGuid() : null;
    }

    public static async Task<bool> GetOkAsync(HttpClient client, string path, CancellationToken ct)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, ct);
        return response.StatusCode == HttpStatusCode.OK;
    }

    public sealed record Referral(Guid Id);

    /// <summary>The README's first referral, with another child each time.</summary>
    private static string ReferralBody(string bsn) => $$"""
        {"child": {"bsn": "{{bsn}}", "givenName": "Sanne", "familyName": "Jansen", "dateOfBirth": "2015-04-01", "homeMunicipality": "GM0935"},
         "supportNeeds": [{"domain": "learning", "description": "Reads two years below her age group."}],
         "triedSoFar": "Extra reading support in class since September.",
         "urgency": "soon", "parentsView": "Worried.", "childsView": "Reading makes me tired."}
        """;

    /// <summary>A random 9-digit number that passes the 11-proof.</summary>
    public static string NewBsn()
    {
        while (true)
        {
            var digits = Random.Shared.Next(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var sum = 0;
            for (var i = 0; i < 8; i++) sum += (9 - i) * (digits[i] - '0');
            sum -= digits[8] - '0';
            if (sum != 0 && sum % 11 == 0) return digits;
        }
    }

    public void Dispose()
    {
        _anonymous?.Dispose();
        Gateway.Dispose();
        Intake.Dispose();
        Monitoring.Dispose();
    }
}
