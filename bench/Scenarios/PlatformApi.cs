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
        var token = new RenewedToken(anonymous, await TokenAsync(anonymous, ct));
        return new PlatformApi(Client(gateway, token), Client(intake, token), Client(monitoring, token)) { _anonymous = anonymous, _token = token };
    }

    private HttpClient? _anonymous;
    private RenewedToken? _token;

    private static HttpClient Client(Uri baseAddress, RenewedToken? token, TimeSpan? timeout = null)
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


    /// <summary>
    /// The school's token, fetched again when it is ten minutes old: access tokens live fifteen, and a full run takes longer.
    /// </summary>
    private sealed class RenewedToken(HttpClient anonymous, string first)
    {
        private (string Value, DateTime At) _current = (first, DateTime.UtcNow);
        private readonly SemaphoreSlim _renewing = new(1, 1);

        public async ValueTask<string> GetAsync(CancellationToken ct)
        {
            if (DateTime.UtcNow - _current.At < TimeSpan.FromMinutes(10)) return _current.Value;
            await _renewing.WaitAsync(ct);
            try
            {
                if (DateTime.UtcNow - _current.At >= TimeSpan.FromMinutes(10)) _current = (await TokenAsync(anonymous, ct), DateTime.UtcNow);
                return _current.Value;
            }
            finally
            {
                _renewing.Release();
            }
        }
    }

    private sealed class BearerHandler(RenewedToken token) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token.GetAsync(ct));
            return await base.SendAsync(request, ct);
        }
    }

    /// <summary>A client-credentials token; the gateway may still be warming up, so it is retried for up to two minutes.</summary>
    private static async Task<string> TokenAsync(HttpClient gateway, CancellationToken ct)
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                using var response = await gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = School,
                    ["client_secret"] = $"{School}-dev-secret",
                }), ct);
                if (response.IsSuccessStatusCode)
                    return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("access_token").GetString()!;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < until) { }
            if (DateTime.UtcNow >= until) throw new InvalidOperationException("No token from the gateway within two minutes.");
            await Task.Delay(500, ct);
        }
    }

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
