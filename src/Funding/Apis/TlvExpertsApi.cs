using System.ComponentModel;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.DirectoryReplica;
using Platform.Funding.Domain;
using Platform.Funding.Infrastructure;
using Platform.Http.Paging;

namespace Platform.Funding.Apis;

/// <summary>Body of <c>PUT /tlv-experts/{personId}</c>: the organisation the person advises for, the board it works for (if any), its disciplines.</summary>
public sealed record RegisterTlvExpertRequest(string? OrganisationId, string? BoardId, IReadOnlyList<string>? Disciplines);

/// <summary>Body of <c>PUT /member-boards/{schoolOrganisationId}</c>: the school's board (bevoegd gezag).</summary>
public sealed record RecordMemberBoardRequest(string? BoardId);

public sealed record TlvExpertResponse(string PersonId, string OrganisationId, string? BoardId, IReadOnlyList<string> Disciplines, DateTimeOffset ChangedAt)
{
    public static TlvExpertResponse From(TlvExpert e) => new(e.PersonId, e.OrganisationId, e.BoardId, e.Disciplines, e.ChangedAt);
}

public sealed record MemberBoardResponse(string SchoolOrganisationId, string BoardId, DateTimeOffset ChangedAt);

/// <summary>
/// The SWV's own registry for expert independence (RULES.md §4): the persons it asks for TLV advices (identity,
/// organisation, board, disciplines) and the boards of its member schools. Only the SWV itself reads and writes its own.
/// </summary>
public static partial class TlvExpertsApi
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,99}$")]
    private static partial Regex Slug();

    public static IEndpointRouteBuilder MapTlvExpertsApi(this IEndpointRouteBuilder app)
    {
        var experts = app.MapGroup($"{FundingApi.Prefix}/tlv-experts").WithTags("TLVs").RequireAuthorization().WithDomainProblems();
        experts.MapPut("/{personId}", RegisterAsync).Accepts<RegisterTlvExpertRequest>("application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("RegisterTlvExpert")
            .WithSummary("The SWV registers (or changes) a person it may ask for a TLV advice: organisation, board worked for, disciplines.");
        experts.MapGet("/", ListAsync)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("ListTlvExperts")
            .WithSummary("The SWV lists the experts it registered, by person id.");
        app.MapGroup($"{FundingApi.Prefix}/member-boards").WithTags("TLVs").RequireAuthorization().WithDomainProblems()
            .MapPut("/{schoolOrganisationId}", RecordBoardAsync).Accepts<RecordMemberBoardRequest>("application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("RecordMemberBoard")
            .WithSummary("The SWV records the board (bevoegd gezag) of one of its member schools: the first TLV expert may not work for it.");
        return app;
    }

    private static async Task<Results<Ok<TlvExpertResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        string personId, HttpRequest request, FundingDbContext db, IRegionDirectory directory, TimeProvider clock)
    {
        var user = request.HttpContext.User;
        if (user.OrganisationTypeOf() != OrganisationTypes.Swv) return ArrangementsApi.Forbidden("An SWV registers the experts it asks for TLV advices.");
        var (body, malformed) = await JsonBody.ReadAsync<RegisterTlvExpertRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (!Slug().IsMatch(personId)) v.Add("personId", "Lower-case letters, digits and hyphens, 2 to 100 characters (an id, not a name).");
        var organisation = v.Required("organisationId", body!.OrganisationId, 100);
        var board = v.Optional("boardId", body.BoardId, 100);
        if (board is not null && !Slug().IsMatch(board)) v.Add("boardId", "Lower-case letters, digits and hyphens, 2 to 100 characters.");
        if (body.Disciplines is not { Count: > 0 } || body.Disciplines.Any(d => !Professions.All.Contains(d)))
            v.Add("disciplines", $"At least one of: {string.Join(", ", Professions.All)}.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The expert has errors.");
        var ct = request.HttpContext.RequestAborted;
        var swv = user.RequiredOrganisationId();
        await directory.RequireOrganisationAsync("organisationId", organisation!, ct);
        if (organisation == swv) throw new DomainRuleException("organisationId", "The SWV decides; the advices come from experts it asks (RULES.md §4).");
        var now = clock.GetUtcNow();
        var expert = await db.TlvExperts.FirstOrDefaultAsync(e => e.SwvId == swv && e.PersonId == personId, ct);
        if (expert is null) db.TlvExperts.Add(expert = TlvExpert.Register(swv, personId, now));
        expert.Change(organisation!, board, body.Disciplines!, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(TlvExpertResponse.From(expert));
    }

    private static async Task<Results<Ok<Page<TlvExpertResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        [Description(PageRequest.LimitDescription)] int? limit, [Description(PageRequest.CursorDescription)] string? cursor,
        HttpContext http, FundingDbContext db, CancellationToken ct)
    {
        if (http.User.OrganisationTypeOf() != OrganisationTypes.Swv) return ArrangementsApi.Forbidden("An SWV lists the experts it registered.");
        var v = new Validation();
        var page = PageRequest.Read(limit, cursor, v);
        string? after = null;
        if (page.After is { } keys)
        {
            if (keys.Count == 1) after = keys[0];
            else v.Add("cursor", PageRequest.ForeignCursor);
        }
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The list request has errors.");
        var swv = http.User.RequiredOrganisationId();
        var query = db.TlvExperts.AsNoTracking().Where(e => e.SwvId == swv);
        if (after is not null) query = query.Where(e => e.PersonId.CompareTo(after) > 0);
        var rows = await query.OrderBy(e => e.PersonId).Take(page.Limit + 1).ToListAsync(ct);
        return TypedResults.Ok(page.PageOf(rows, TlvExpertResponse.From, e => [e.PersonId], http.Request));
    }

    private static async Task<Results<Ok<MemberBoardResponse>, ValidationProblem, ProblemHttpResult>> RecordBoardAsync(
        string schoolOrganisationId, HttpRequest request, FundingDbContext db, IRegionDirectory directory, TimeProvider clock)
    {
        var user = request.HttpContext.User;
        if (user.OrganisationTypeOf() != OrganisationTypes.Swv) return ArrangementsApi.Forbidden("An SWV records the boards of its member schools.");
        var (body, malformed) = await JsonBody.ReadAsync<RecordMemberBoardRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var board = v.Required("boardId", body!.BoardId, 100);
        if (board is not null && !Slug().IsMatch(board)) v.Add("boardId", "Lower-case letters, digits and hyphens, 2 to 100 characters.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The board has errors.");
        var ct = request.HttpContext.RequestAborted;
        var swv = user.RequiredOrganisationId();
        var school = await directory.RequireOrganisationAsync("schoolOrganisationId", schoolOrganisationId, ct);
        if (school.Type != OrganisationTypes.School || school.Swv != swv)
            throw new DomainRuleException("schoolOrganisationId", $"{schoolOrganisationId} is not a school of {swv}.");
        var now = clock.GetUtcNow();
        var row = await db.MemberBoards.FirstOrDefaultAsync(b => b.SwvId == swv && b.SchoolOrganisationId == schoolOrganisationId, ct);
        if (row is null) db.MemberBoards.Add(row = MemberBoard.Record(swv, schoolOrganisationId, board!, now));
        else row.Change(board!, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new MemberBoardResponse(row.SchoolOrganisationId, row.BoardId, row.ChangedAt));
    }
}
