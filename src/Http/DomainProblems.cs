using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Builder;
using Platform.Http.OpenApi;
using Platform.SharedKernel;

namespace Platform.Http;

/// <summary>
/// Turns the domain's refusals into problem responses in one place: a broken rule is 422 naming
/// the field, an illegal state move or a concurrent change is 409, an unknown sub-resource 404.
/// Nothing has been saved when these are thrown, so nothing is half-written.
/// </summary>
public sealed class DomainProblems : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DomainRuleException ex)
        {
            return TypedResults.Problem(title: "The request breaks a rule.", detail: ex.Message,
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [ex.Field] = [ex.Message] } });
        }
        catch (IllegalTransitionException ex)
        {
            return TypedResults.Problem(title: "Not possible in the current state.", detail: ex.Message, statusCode: StatusCodes.Status409Conflict);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(title: "It changed meanwhile.", detail: "Read it again and retry.", statusCode: StatusCodes.Status409Conflict);
        }
        catch (KeyNotFoundException ex)
        {
            return TypedResults.Problem(title: "Not found.", detail: ex.Message, statusCode: StatusCodes.Status404NotFound);
        }
    }
}

public static class DomainProblemsExtensions
{
    /// <summary>The domain's refusals as problem answers (<see cref="DomainProblems"/>), declared in the OpenAPI document: 409 and 422 on writes, 404 for an unknown part.</summary>
    public static TBuilder WithDomainProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.DeclareProblem(StatusCodes.Status409Conflict, route => route.IsWrite())
            .DeclareProblem(StatusCodes.Status422UnprocessableEntity, route => route.IsWrite())
            .DeclareProblem(StatusCodes.Status404NotFound, route => route.RoutePattern.Parameters.Count > 0)
            .AddEndpointFilter<TBuilder, DomainProblems>();
}
