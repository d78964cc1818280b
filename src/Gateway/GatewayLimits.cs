using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Platform.ServiceDefaults;

namespace Platform.Gateway;

public sealed class GatewayLimitOptions
{
    /// <summary>Sustained requests per second per client (a token bucket refilled every second).</summary>
    public int RequestsPerSecond { get; set; } = 50;

    /// <summary>Burst a client may spend at once before the rate applies.</summary>
    public int Burst { get; set; } = 100;

    /// <summary>Token requests per minute per caller address: slows down secret guessing.</summary>
    public int TokenRequestsPerMinute { get; set; } = 60;

    /// <summary>Largest request body in bytes; referrals are text, attachments are metadata only.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;
}

/// <summary>Per-client rate limits (429 with Retry-After) and a request body limit (413).</summary>
internal static class GatewayLimits
{
    public const string PerClient = "per-client";
    public const string TokenEndpoint = "token-endpoint";

    public static IHostApplicationBuilder AddGatewayLimits(this IHostApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("Gateway:Limits").Get<GatewayLimitOptions>() ?? new GatewayLimitOptions();
        builder.Services.AddSingleton(limits);
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(
            k => k.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);

        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(PerClient, http => RateLimitPartition.GetTokenBucketLimiter(
                http.User.OrganisationIdOf() ?? $"ip:{http.Connection.RemoteIpAddress}",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = limits.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            options.AddPolicy(TokenEndpoint, http => RateLimitPartition.GetFixedWindowLimiter(
                $"ip:{http.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.TokenRequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(
                    title: "Too many requests.",
                    detail: $"This client's request rate is limited. Retry after {retryAfter} s.",
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }

    /// <summary>
    /// Refuses a declared body over the limit before anything is proxied. Kestrel's own limit
    /// (set above) still stops a chunked body that grows past it.
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var limits = http.RequestServices.GetRequiredService<GatewayLimitOptions>();
        if (http.Request.ContentLength > limits.MaxRequestBodyBytes)
        {
            await Results.Problem(
                title: "Request body too large.",
                detail: $"At most {limits.MaxRequestBodyBytes} bytes.",
                statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(http);
            return;
        }
        await next(http);
    });
}
