using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Platform.Http.OpenApi;

namespace Platform.Http;

/// <summary>
/// Tenancy first (OWASP API1): on a route with a record <c>{id}</c>, a caller who may not see the
/// record gets 404 before anything else is looked at, so its answer is the same whether the record
/// exists or not, and whatever it sent. Only then do the handler's own checks (403 for a move that is
/// not the caller's to make, 400/422 for the body) run.
/// </summary>
public static class RecordVisibility
{
    public static TBuilder VisibleRecordsOnly<TBuilder>(this TBuilder builder,
        Func<HttpContext, Guid, CancellationToken, Task<bool>> visible, Func<Guid, IResult> notFound)
        where TBuilder : IEndpointConventionBuilder =>
        builder.DeclareProblem(StatusCodes.Status404NotFound, route => route.HasRouteParameter("id")).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.Request.RouteValues.TryGetValue("id", out var raw) && Guid.TryParse(raw?.ToString(), out var id)
                && !await visible(http, id, http.RequestAborted))
                return notFound(id);
            return await next(context);
        });
}
