using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.Http.OpenApi;

/// <summary>
/// How an endpoint goes away without breaking integrators (docs/api/versioning.md): marked
/// <c>deprecated</c> in the document, and every answer carries <c>Deprecation</c> (RFC 9745, the
/// moment it was deprecated), <c>Sunset</c> (RFC 8594, the last day it answers) and a link to the
/// policy, for at least six months before the sunset.
/// </summary>
public static class Deprecation
{
    public const string PolicyLink = "<https://gateway.jeugdregio.example/docs/api/versioning.md>; rel=\"deprecation\"; type=\"text/markdown\"";

    public static TBuilder Deprecated<TBuilder>(this TBuilder builder, DateTimeOffset since, DateTimeOffset sunset)
        where TBuilder : IEndpointConventionBuilder
    {
        if (sunset < since.AddMonths(6))
            throw new ArgumentException("A sunset comes at least six months after the deprecation (docs/api/versioning.md).", nameof(sunset));
        var deprecation = $"@{since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        var sunsetHeader = sunset.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
        builder.WithMetadata(new DeprecatedEndpoint(since, sunset));
        builder.AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers["Deprecation"] = deprecation;
            headers["Sunset"] = sunsetHeader;
            headers.Append("Link", PolicyLink);
            return await next(context);
        });
        return builder;
    }

    /// <summary>The document says so too, with the sunset in the description.</summary>
    internal static Task MarkAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken _)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<DeprecatedEndpoint>().FirstOrDefault() is not { } deprecated)
            return Task.CompletedTask;
        operation.Deprecated = true;
        operation.Description = $"Deprecated since {deprecated.Since:yyyy-MM-dd}; answers until {deprecated.Sunset:yyyy-MM-dd} (Sunset header). {operation.Description}".Trim();
        return Task.CompletedTask;
    }

    private sealed record DeprecatedEndpoint(DateTimeOffset Since, DateTimeOffset Sunset);
}
