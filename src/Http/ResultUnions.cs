using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Http;

/// <summary>
/// C# turns an answer into a <c>Results&lt;...&gt;</c> union that lists it, but not one union into a
/// wider one. A handler that checks its body (400) and then runs a shared step, which answers its
/// success or a problem, widens the step's answer with this, so its own signature lists all it answers.
/// </summary>
public static class ResultUnions
{
    public static async Task<Results<TSuccess, ValidationProblem, ProblemHttpResult>> Widened<TSuccess>(
        this Task<Results<TSuccess, ProblemHttpResult>> step) where TSuccess : IResult =>
        (await step).Result switch
        {
            TSuccess success => success,
            ProblemHttpResult problem => problem,
            var other => throw new UnreachableException($"A step answered {other.GetType().Name}."),
        };
}
