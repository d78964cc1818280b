using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Intake.Domain;
using Platform.Intake.Domain.Cases;
using Platform.Intake.Infrastructure;

namespace Platform.Intake.Apis;

internal static class CaseAccessQueries
{
    /// <summary>Cases an organisation may see today: it referred, or a valid consent names it.</summary>
    public static IQueryable<Case> VisibleTo(this IQueryable<Case> cases, string organisationId, DateOnly today) =>
        cases.Where(c => c.Access.Any(a => a.OrganisationId == organisationId && (a.ExpiresOn == null || a.ExpiresOn >= today)));

    /// <summary>
    /// The case with the caller's access level, or null, which the API answers with 404 whether
    /// the case does not exist or belongs to others: a stranger learns nothing.
    /// </summary>
    public static async Task<(Case Case, AccessLevel Access)?> FindAsync(
        this IntakeDbContext db, Guid id, string organisationId, DateOnly today, CancellationToken ct)
    {
        var found = await db.Cases.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (found?.AccessFor(organisationId, today) is not { } access) return null;
        return (found, access);
    }

    public static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        title: "Case not found.", detail: $"No case {id} that your organisation is involved in.", statusCode: StatusCodes.Status404NotFound);
}
