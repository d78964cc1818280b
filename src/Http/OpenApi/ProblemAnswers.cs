using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Platform.Http.OpenApi;

/// <summary>
/// Puts the problem answers that filters give (not the handler) into the endpoint's metadata, so
/// the OpenAPI document lists them: each filter declares what it answers where it is applied.
/// </summary>
public static class ProblemAnswers
{
    private static readonly string[] ProblemJson = ["application/problem+json"];

    /// <summary>Adds a problem answer with <paramref name="status"/> to every endpoint of the builder that <paramref name="applies"/>.</summary>
    public static TBuilder DeclareProblem<TBuilder>(this TBuilder builder, int status, Func<RouteEndpointBuilder, bool> applies)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Declare(status, typeof(ProblemDetails), applies);

    /// <summary>Adds a 400 naming the field at fault (<see cref="HttpValidationProblemDetails"/>) to every endpoint of the builder.</summary>
    public static TBuilder DeclareValidationProblem<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Declare(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), _ => true);

    private static TBuilder Declare<TBuilder>(this TBuilder builder, int status, Type body, Func<RouteEndpointBuilder, bool> applies)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && applies(route)
                && !endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(m => m.StatusCode == status))
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, body, ProblemJson));
        });
        return builder;
    }

    public static bool HasRouteParameter(this RouteEndpointBuilder route, string name) =>
        route.RoutePattern.Parameters.Any(p => p.Name == name);

    /// <summary>Whether the endpoint changes something (a write can break a rule; a read cannot).</summary>
    public static bool IsWrite(this RouteEndpointBuilder route) =>
        route.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).Any(m => m is not ("GET" or "HEAD"));
}
