using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.Gateway;

/// <summary>
/// A service behind the gateway that does not answer (down, restarting, Identity away) is a temporary
/// outage, not a broken gateway: the caller gets <c>503 Service Unavailable</c> with <c>Retry-After</c>
/// and a problem body, so an integrator's client (and a token client) waits and tries again, instead of
/// YARP's bare 502 or 504, which clients read as "give up". Nothing was done by the service in that case
/// (no connection, or no answer before the timeout: a retry with the same Idempotency-Key is safe).
/// Identity's cluster has a 10 s activity timeout (appsettings.json; YARP's default is 100 s): a token
/// is issued in milliseconds, and where a dead process's port still accepts connections (a local
/// orchestrator's proxy, a node being drained) the caller hears "retry later" within 10 s, not after
/// its own client has given up.
/// </summary>
internal static class UnavailableServices
{
    public static IReverseProxyApplicationBuilder UseUnavailableAsRetryLater(this IReverseProxyApplicationBuilder proxy)
    {
        var seconds = proxy.ApplicationServices.GetRequiredService<IConfiguration>()
            .GetValue("Gateway:RetryAfterSeconds", 5).ToString(CultureInfo.InvariantCulture);
        proxy.Use(async (context, next) =>
        {
            await next();
            var error = context.GetForwarderErrorFeature()?.Error;
            if (error is not (ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.NoAvailableDestinations)
                || context.Response.HasStarted)
                return;
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = seconds;
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "The service is not answering right now.",
                    Detail = $"Try again after {seconds} seconds, with the same Idempotency-Key for a write.",
                },
            });
        });
        return proxy;
    }
}
