using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults;

public static class ProblemDetailsDefaults
{
    /// <summary>
    /// Every error leaves as RFC 7807 problem details carrying the trace id, so an integrator's
    /// support question can be matched to the trace an operator sees in the dashboard.
    /// </summary>
    public static IServiceCollection AddTracedProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions["traceId"] =
                System.Diagnostics.Activity.Current?.TraceId.ToString() ?? ctx.HttpContext.TraceIdentifier;
        });
}
