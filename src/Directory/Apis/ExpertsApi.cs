using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Directory.Domain;
using Platform.Directory.Infrastructure;
using Platform.Directory.Publishing;
using Platform.Http.Paging;

namespace Platform.Directory.Apis;

/// <summary>Body of <c>PUT /boards/{id}</c>: the board's name.</summary>
public sealed record SetBoardRequest(string? Name);

/// <summary>Body of <c>PUT /experts/{personId}</c>: who the person is to the region (no BSN, no private details).</summary>
public sealed record SetExpertRequest(string? Name, string? OrganisationId, string? BoardId, IReadOnlyList<string>? Disciplines, bool? Active);

/// <summary>A school board (bevoegd gezag) and the schools it runs.</summary>
public sealed record BoardResponse(string Id, string Name, IReadOnlyList<string> Schools);

/// <summary>A person who may give a TLV advice: the organisation advised for, the board worked for, the disciplines of RULES.md §4.</summary>
public sealed record ExpertResponse(
    string PersonId, string Name, string OrganisationId, string? BoardId, IReadOnlyList<string> Disciplines, bool Active, string RegisteredBy,
    DateTimeOffset ChangedAt)
{
    public static ExpertResponse From(Expert e) => new(e.PersonId, e.Name, e.OrganisationId, e.BoardId, [.. e.Disciplines], e.Active, e.RegisteredBy, e.ChangedAt);
}

/// <summary>
/// School boards (bevoegd gezag) and the persons registered as TLV experts (RULES.md §4: two advices by two
/// different persons of the required disciplines, the first not working for the requesting school's board).
/// Everyone in the region reads them; the keepers register boards; experts are registered by the keepers or by
/// an SWV for the experts it works with, and changed only by whoever registered them (or a keeper).
/// </summary>
public static class ExpertsApi
{
    public static IEndpointRouteBuilder MapExpertsApi(this IEndpointRouteBuilder app)
    {
        var boards = app.MapGroup($"{DirectoryApi.Prefix}/boards").WithTags("Experts").RequireAuthorization().WithDomainProblems();
        boards.MapGet("/", ListBoardsAsync)
            .WithName("ListBoards")
            .WithSummary("Any organisation of the region lists the school boards (bevoegd gezag) by id, with the schools each runs.");
        boards.MapGet("/{id}", GetBoardAsync)
            .WithName("GetBoard")
            .WithSummary("Any organisation of the region reads one school board and the schools it runs.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        boards.MapPut("/{id}", SetBoardAsync).Accepts<SetBoardRequest>("application/json")
            .WithName("SetBoard")
            .WithSummary("The directory keepers register a school board or rename it; a school names its board with boardId on the organisation.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        var experts = app.MapGroup($"{DirectoryApi.Prefix}/experts").WithTags("Experts").RequireAuthorization().WithDomainProblems();
        experts.MapGet("/", ListExpertsAsync)
            .WithName("ListExperts")
            .WithSummary("Any organisation of the region lists the persons registered as TLV experts by person id, filtered by organisation, board or discipline.");
        experts.MapGet("/{personId}", GetExpertAsync)
            .WithName("GetExpert")
            .WithSummary("Any organisation of the region reads one registered TLV expert.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        experts.MapPut("/{personId}", SetExpertAsync).Accepts<SetExpertRequest>("application/json")
            .WithName("SetExpert")
            .WithSummary("The directory keepers, or an SWV for the experts it works with, register a TLV expert; only whoever registered the person (or a keeper) changes it.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<Results<Ok<Page<BoardResponse>>, ValidationProblem>> ListBoardsAsync(
        [Description(DirectoryApi.LimitDescription)] int? limit,
        [Description(DirectoryApi.CursorDescription)] string? cursor,
        HttpRequest request, DirectoryDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        var page = PageRequest.Read(limit, cursor, v);
        if (page.After is { Count: not 1 }) v.Add("cursor", PageRequest.ForeignCursor);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());
        var query = db.Boards.AsNoTracking();
        if (page.After is [var afterId]) query = query.Where(b => string.Compare(b.Id, afterId) > 0);
        var rows = await query.OrderBy(b => b.Id).Take(page.Limit + 1).ToListAsync(ct);
        var ids = rows.Select(b => b.Id).ToList();
        var schools = await db.Organisations.AsNoTracking().Where(o => o.BoardId != null && ids.Contains(o.BoardId))
            .Select(o => new { o.BoardId, o.Id }).ToListAsync(ct);
        return TypedResults.Ok(page.PageOf(rows,
            b => new BoardResponse(b.Id, b.Name, [.. schools.Where(s => s.BoardId == b.Id).Select(s => s.Id).Order()]), b => [b.Id], request));
    }

    private static async Task<Results<Ok<BoardResponse>, ProblemHttpResult>> GetBoardAsync(string id, DirectoryDbContext db, CancellationToken ct)
    {
        var board = await db.Boards.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (board is null) return NotFound($"No school board '{id}' in the directory.");
        var schools = await db.Organisations.AsNoTracking().Where(o => o.BoardId == id).Select(o => o.Id).OrderBy(o => o).ToListAsync(ct);
        return TypedResults.Ok(new BoardResponse(board.Id, board.Name, schools));
    }

    private static async Task<Results<Created<BoardResponse>, Ok<BoardResponse>, ValidationProblem, ProblemHttpResult>> SetBoardAsync(
        string id, HttpRequest request, DirectoryDbContext db, TimeProvider clock)
    {
        if (!request.HttpContext.User.IsDirectoryAdmin()) return DirectoryApi.NotAdmin();
        var (body, malformed) = await JsonBody.ReadAsync<SetBoardRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var name = v.Required("name", body!.Name, 200);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The board has errors.");
        var (board, created) = await db.CommitAsync(clock, async ct =>
        {
            var existing = await db.Boards.FirstOrDefaultAsync(b => b.Id == id, ct);
            if (existing is not null)
            {
                existing.Rename(name!, clock.GetUtcNow());
                return (existing, false);
            }
            var registered = Board.Register(id, name!, clock.GetUtcNow());
            db.Boards.Add(registered);
            return (registered, true);
        }, request.HttpContext.RequestAborted);
        var schools = await db.Organisations.AsNoTracking().Where(o => o.BoardId == id).Select(o => o.Id).OrderBy(o => o).ToListAsync(request.HttpContext.RequestAborted);
        var response = new BoardResponse(board.Id, board.Name, schools);
        if (created) return TypedResults.Created($"{DirectoryApi.Prefix}/boards/{id}", response);
        return TypedResults.Ok(response);
    }

    /// <summary>By person id; the cursor is the last person's id.</summary>
    private static async Task<Results<Ok<Page<ExpertResponse>>, ValidationProblem>> ListExpertsAsync(
        [Description("The organisation the experts advise for.")] string? organisationId,
        [Description("The school board the experts work for.")] string? boardId,
        [Description("orthopedagoog, psycholoog, kinder-en-jeugdpsycholoog, pedagoog, kinderpsychiater, maatschappelijk-werker or arts.")] string? discipline,
        [Description(DirectoryApi.LimitDescription)] int? limit,
        [Description(DirectoryApi.CursorDescription)] string? cursor,
        HttpRequest request, DirectoryDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        if (discipline is not null && !ExpertDisciplines.All.Contains(discipline)) v.Add("discipline", $"One of: {string.Join(", ", ExpertDisciplines.All)}.");
        var page = PageRequest.Read(limit, cursor, v);
        if (page.After is { Count: not 1 }) v.Add("cursor", PageRequest.ForeignCursor);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());
        var query = db.Experts.AsNoTracking()
            .Where(e => (organisationId == null || e.OrganisationId == organisationId) && (boardId == null || e.BoardId == boardId)
                        && (discipline == null || e.Disciplines.Contains(discipline)));
        if (page.After is [var afterId]) query = query.Where(e => string.Compare(e.PersonId, afterId) > 0);
        var rows = await query.OrderBy(e => e.PersonId).Take(page.Limit + 1).ToListAsync(ct);
        return TypedResults.Ok(page.PageOf(rows, ExpertResponse.From, e => [e.PersonId], request));
    }

    private static async Task<Results<Ok<ExpertResponse>, ProblemHttpResult>> GetExpertAsync(string personId, DirectoryDbContext db, CancellationToken ct)
    {
        var expert = await db.Experts.AsNoTracking().FirstOrDefaultAsync(e => e.PersonId == personId, ct);
        return expert is null ? NotFound($"No expert '{personId}' in the directory.") : TypedResults.Ok(ExpertResponse.From(expert));
    }

    /// <summary>
    /// A keeper registers or changes anyone; an SWV registers a new person and changes only the persons it
    /// registered itself (a person another SWV or the keepers registered is not its to change: the independence
    /// checks of every SWV rely on the record).
    /// </summary>
    private static async Task<Results<Created<ExpertResponse>, Ok<ExpertResponse>, ValidationProblem, ProblemHttpResult>> SetExpertAsync(
        string personId, HttpRequest request, DirectoryDbContext db, TimeProvider clock)
    {
        var user = request.HttpContext.User;
        if (!MayRegisterExperts(user)) return NotYours();
        var caller = user.RequiredOrganisationId();
        // Whether the caller may change this person is asked before its body is read (as for a location's contacts).
        var existing = await db.Experts.AsNoTracking().FirstOrDefaultAsync(e => e.PersonId == personId, request.HttpContext.RequestAborted);
        if (existing is not null && !user.IsDirectoryAdmin() && existing.RegisteredBy != caller) return NotYours();
        var (body, malformed) = await JsonBody.ReadAsync<SetExpertRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var name = v.Required("name", body!.Name, 200);
        var organisationId = v.Required("organisationId", body.OrganisationId, 100);
        var boardId = v.Optional("boardId", body.BoardId, 100);
        if (body.Disciplines is not { Count: > 0 } || body.Disciplines.Any(d => !ExpertDisciplines.All.Contains(d)))
            v.Add("disciplines", $"At least one of: {string.Join(", ", ExpertDisciplines.All)} (RULES.md §4).");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The expert has errors.");

        var details = new ExpertDetails(name!, organisationId!, boardId, [.. body.Disciplines!], body.Active);
        var (expert, created) = await db.CommitAsync(clock, async ct =>
        {
            var references = await db.ExpertReferencesAsync(ct);
            var now = clock.GetUtcNow();
            var tracked = await db.Experts.FirstOrDefaultAsync(e => e.PersonId == personId, ct);
            if (tracked is not null)
            {
                // Checked again inside the serialised change: the person may have been registered meanwhile.
                if (!user.IsDirectoryAdmin() && tracked.RegisteredBy != caller)
                    throw new DomainRuleException("personId", $"'{personId}' was registered by {tracked.RegisteredBy}; only it or the directory keepers change the person.");
                tracked.Change(details, references, now);
                return (tracked, false);
            }
            var registered = Expert.Register(personId, caller, details, references, now);
            db.Experts.Add(registered);
            return (registered, true);
        }, request.HttpContext.RequestAborted);
        var response = ExpertResponse.From(expert);
        if (created) return TypedResults.Created($"{DirectoryApi.Prefix}/experts/{personId}", response);
        return TypedResults.Ok(response);
    }

    private static bool MayRegisterExperts(ClaimsPrincipal user) => user.IsDirectoryAdmin() || user.OrganisationTypeOf() == OrganisationTypes.Swv;

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(title: "Not found.", detail: detail, statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult NotYours() => TypedResults.Problem(title: "Not your expert to register or change.",
        detail: $"The directory keepers (role '{DirectoryApi.AdminRole}') register experts, and an SWV the experts it works with; only whoever registered a person, or a keeper, changes it.",
        statusCode: StatusCodes.Status403Forbidden);
}
