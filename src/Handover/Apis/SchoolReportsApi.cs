using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Handover.Domain;
using Platform.Handover.Infrastructure;

namespace Platform.Handover.Apis;

/// <summary>
/// The sending school's reports in the handover's dossier (#24 points 5 and 6, RULES.md §7): the PO→VO school advice and
/// the onderwijskundig rapport. Only the sender writes them; each move is refused (403/404) before its body is read to
/// anyone else. The text goes in bodies only: never in a route, an event or a log line.
/// </summary>
public static partial class HandoversApi
{
    private const int SectionLength = 8000;

    private static void MapSchoolReports(this RouteGroupBuilder handovers)
    {
        handovers.MapPost("/{id:guid}/school-advice/provisional", (Guid id, HttpRequest request, HandoverDbContext db, TimeProvider clock, IOptions<HandoverOptions> options) =>
            AdviceAsync(id, request, db, clock, "givenOn", (h, a, now) => h.GiveProvisionalAdvice(a.Level!, a.GivenOn!.Value, options.Value.SchoolAdvice, now)))
            .Accepts<SchoolAdviceRequest>("application/json")
            .Move("GiveProvisionalSchoolAdvice", "PO→VO: the sending primary school records its provisional advice, given from 10 January (refused before; after 31 January accepted and flagged late; RULES.md §7).");
        handovers.MapPost("/{id:guid}/school-advice/doorstroomtoets", (Guid id, HttpRequest request, HandoverDbContext db, TimeProvider clock) =>
            AdviceAsync(id, request, db, clock, "takenOn", (h, a, now) => h.RecordDoorstroomtoets(a.Level!, a.TakenOn!.Value, now)))
            .Accepts<SchoolAdviceRequest>("application/json")
            .Move("RecordDoorstroomtoets", "PO→VO: the sending primary school records the doorstroomtoets result, as the level it points to, after the provisional advice (RULES.md §7).");
        handovers.MapPost("/{id:guid}/school-advice/final", (Guid id, HttpRequest request, HandoverDbContext db, TimeProvider clock, IOptions<HandoverOptions> options) =>
            AdviceAsync(id, request, db, clock, "givenOn", (h, a, now) => h.GiveFinalAdvice(a.Level!, a.GivenOn!.Value, a.NotRaisedReason, options.Value.SchoolAdvice, now)))
            .Accepts<SchoolAdviceRequest>("application/json")
            .Move("GiveFinalSchoolAdvice", "PO→VO: the final advice, by 24 March (later: accepted and flagged late); never below the provisional advice, and raised when the doorstroomtoets came out higher unless the school says why not (422 naming the rule, RULES.md §7).");
        handovers.MapPost("/{id:guid}/school-advice/revisions", (Guid id, HttpRequest request, HandoverDbContext db, TimeProvider clock) =>
            AdviceAsync(id, request, db, clock, "givenOn", (h, a, now) => h.ReviseAdvice(a.Level!, a.GivenOn!.Value, now)))
            .Accepts<SchoolAdviceRequest>("application/json")
            .Move("ReviseSchoolAdvice", "PO→VO: the sending school raises its final advice; a lowering is refused (422 naming the rule, RULES.md §7: never lowered).");
        handovers.MapPut("/{id:guid}/onderwijskundig-rapport", WriteRapportAsync).Accepts<RapportRequest>("application/json")
            .Move("WriteOnderwijskundigRapport", "The sending school writes the onderwijskundig rapport: only the sections of the closed list (RULES.md §7; another section is refused naming it). The receiving school reads it with the dossier once it accepted. Rewritten until the parents got their copy.");
        handovers.MapPost("/{id:guid}/onderwijskundig-rapport/parents-copy", ParentsCopyAsync).Accepts<ParentsCopyRequest>("application/json")
            .Move("GiveRapportCopyToParents", "The sending school records the day it gave the parents their copy of the rapport (RULES.md §7).");
        handovers.MapPost("/{id:guid}/onderwijskundig-rapport/parents-seen", ParentsSeenAsync).Accepts<ParentsSeenRequest>("application/json")
            .Move("RecordParentsSeenRapport", "The sending school records, on the parents' behalf (the platform has no parent accounts), the day they signed the rapport \"seen\" and their own view.");
    }

    private static async Task<Results<Ok<HandoverResponse>, ValidationProblem, ProblemHttpResult>> AdviceAsync(
        Guid id, HttpRequest request, HandoverDbContext db, TimeProvider clock, string dayField, Action<HandoverProcess, SchoolAdviceRequest, DateTimeOffset> move)
    {
        if (await RefuseAsync(id, request.HttpContext, db, Role.Sender) is { } refused) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<SchoolAdviceRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (!AdviceLevels.IsLevel(body!.Level)) v.Add("level", $"One of: {string.Join(", ", AdviceLevels.Scale)} (lowest first).");
        if ((dayField == "takenOn" ? body.TakenOn : body.GivenOn) is null) v.Add(dayField, "Required.");
        var reason = v.Optional("notRaisedReason", body.NotRaisedReason, 2000);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The school advice has errors.");
        var read = body with { NotRaisedReason = reason };
        return await ActAsync(id, request.HttpContext, db, clock, Role.Sender, (h, now) => move(h, read, now)).Widened();
    }

    private static async Task<Results<Ok<HandoverResponse>, ValidationProblem, ProblemHttpResult>> WriteRapportAsync(
        Guid id, HttpRequest request, HandoverDbContext db, TimeProvider clock)
    {
        if (await RefuseAsync(id, request.HttpContext, db, Role.Sender) is { } refused) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<RapportRequest>(request);
        if (malformed is not null) return malformed;
        // The closed list (RULES.md §7): a section the list does not hold is a broken rule, named by its field; its text is never echoed.
        if (body!.OtherSections?.Keys.FirstOrDefault() is { } other)
            throw new DomainRuleException(other.Length > 60 ? other[..60] : other,
                "Not a section of the onderwijskundig rapport: its content is a closed list (Besluit uitwisseling leer- en begeleidingsgegevens 2012, RULES.md §7): "
                + string.Join(", ", OnderwijskundigRapport.Sections) + ".");
        var v = new Validation();
        var rapport = new OnderwijskundigRapport
        {
            AdministrativeData = v.Required("administrativeData", body.AdministrativeData, SectionLength) ?? "",
            Results = v.Optional("results", body.Results, SectionLength),
            SupportGiven = v.Optional("supportGiven", body.SupportGiven, SectionLength),
            SocialEmotionalDevelopment = v.Optional("socialEmotionalDevelopment", body.SocialEmotionalDevelopment, SectionLength),
            WorkAttitude = v.Optional("workAttitude", body.WorkAttitude, SectionLength),
            SchoolAdvice = v.Optional("schoolAdvice", body.SchoolAdvice, SectionLength),
            TestResult = v.Optional("testResult", body.TestResult, SectionLength),
            Opp = v.Optional("opp", body.Opp, SectionLength),
        };
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The onderwijskundig rapport has errors.");
        return await ActAsync(id, request.HttpContext, db, clock, Role.Sender, (h, now) => h.WriteRapport(rapport, now)).Widened();
    }

    private static async Task<Results<Ok<HandoverResponse>, ValidationProblem, ProblemHttpResult>> ParentsCopyAsync(
        Guid id, HttpRequest request, HandoverDbContext db, TimeProvider clock)
    {
        if (await RefuseAsync(id, request.HttpContext, db, Role.Sender) is { } refused) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<ParentsCopyRequest>(request);
        if (malformed is not null) return malformed;
        if (body!.GivenOn is not { } givenOn)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["givenOn"] = ["Required."] });
        return await ActAsync(id, request.HttpContext, db, clock, Role.Sender, (h, now) => h.GiveRapportCopyToParents(givenOn, now)).Widened();
    }

    private static async Task<Results<Ok<HandoverResponse>, ValidationProblem, ProblemHttpResult>> ParentsSeenAsync(
        Guid id, HttpRequest request, HandoverDbContext db, TimeProvider clock)
    {
        if (await RefuseAsync(id, request.HttpContext, db, Role.Sender) is { } refused) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<ParentsSeenRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (body!.SeenOn is null) v.Add("seenOn", "Required.");
        var view = v.Optional("view", body.View, 4000);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The parents' \"seen\" has errors.");
        return await ActAsync(id, request.HttpContext, db, clock, Role.Sender, (h, now) => h.RecordParentsSeenRapport(body.SeenOn!.Value, view, now)).Widened();
    }
}
