using System.Net;

namespace Platform.EndToEnd.Tests.Security;

/// <summary>Requests that may meet the gateway's rate limit: a 429 is waited out (its Retry-After) and sent again.</summary>
internal static class Gateway
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, Func<HttpRequestMessage> request, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await client.SendAsync(request(), ct);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == 20) return response;
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait < TimeSpan.FromMilliseconds(200) ? TimeSpan.FromMilliseconds(200) : wait, ct);
        }
    }
}
