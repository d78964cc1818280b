using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Platform.Funding.Apis;

/// <summary>
/// Runs one workflow step again, on freshly read rows, when it lost a race (another funder's
/// decision on the same arrangement, another approval on the same budget). The second attempt
/// sees the first's effect: two approvals for the last euro end with one approved and one 409,
/// and two funders approving at once both succeed. A breached check constraint is answered 409.
/// </summary>
internal static class Concurrency
{
    private const int MaxAttempts = 8;

    /// <summary>The step's own answer, or 409 when it keeps losing. <typeparamref name="TSuccess"/> is its success answer.</summary>
    public static async Task<Results<TSuccess, ProblemHttpResult>> RetryAsync<TSuccess>(DbContext db, Func<Task<Results<TSuccess, ProblemHttpResult>>> step)
        where TSuccess : IResult
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await step();
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(5, 20 * attempt));
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // E.g. two first-time settings of the same budget: the second finds the first's row.
                db.ChangeTracker.Clear();
                if (attempt >= MaxAttempts) return Conflict("It changed meanwhile; read it again and retry.");
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return Conflict("It changed meanwhile; read it again and retry.");
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.CheckViolation } check)
            {
                db.ChangeTracker.Clear();
                return Conflict(check.ConstraintName switch
                {
                    "ck_budgets_within_amount" => "It would overspend a budget.",
                    "ck_arrangements_capacity" => "It would exceed the arrangement's places.",
                    _ => "It breaks a rule of the data.",
                });
            }
        }
    }

    private static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(title: "Not possible in the current state.", detail: detail, statusCode: StatusCodes.Status409Conflict);
}
