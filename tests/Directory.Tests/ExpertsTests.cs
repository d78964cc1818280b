using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Directory;
using Platform.Directory.Infrastructure;
using Platform.Messaging.Outbox;
using Platform.TestInfrastructure;

namespace Platform.Directory.Tests;

/// <summary>
/// School boards (bevoegd gezag) and TLV experts as persons (RULES.md §4; LBT 2017, 2019: two advices by two
/// different persons of the required disciplines, the first not working for the requesting school's board).
/// The Directory holds them; services check an advice against the published copy.
/// </summary>
public sealed class ExpertsTests(TestServersFixture fixture) : DirectoryTestBase(fixture)
{
    private const string TheSwv = "swv-po-maastricht-heuvelland";
    private HttpClient AsTheSwv => As(TheSwv, "swv");
    private HttpClient AsAnotherSwv => As("swv-po-parkstad", "swv");

    private static object Person(string name = "Drs. K. Vliegen", string organisationId = "jeugdhulp-horizon", string? boardId = null,
        string[]? disciplines = null) => new { name, organisationId, boardId, disciplines = disciplines ?? ["orthopedagoog"] };

    [Fact]
    public async Task RULES_4_the_demo_schools_have_boards_and_the_experts_are_persons_published_by_id_without_names()
    {
        var kindante = await ReadAsync(await AsDeLinde.GetAsync("/api/directory/boards/stichting-kindante", Ct), HttpStatusCode.OK);
        Assert.Equal("Stichting Kindante", kindante.GetProperty("name").GetString());
        Assert.Contains("school-bs-de-linde", kindante.GetProperty("schools").EnumerateArray().Select(s => s.GetString()));
        var deLinde = await ReadAsync(await AsMaastricht.GetAsync("/api/directory/organisations/school-bs-de-linde", Ct), HttpStatusCode.OK);
        Assert.Equal("stichting-kindante", deLinde.GetProperty("boardId").GetString());
        var boards = await ListPages.FirstAsync(AsDeLinde, "/api/directory/boards", Ct);
        Assert.Equal(["stichting-kindante", "stichting-lvo", "stichting-movare", "stichting-so-parkstad"], boards.Select(b => b.GetProperty("id").GetString()));

        // The first advice's disciplines: A. Janssen advises for Horizon but works for Kindante, De Linde's board.
        var first = await ListPages.FirstAsync(AsTheSwv, "/api/directory/experts?discipline=orthopedagoog", Ct);
        Assert.Equal(["horizon-a-janssen", "horizon-b-peters"], first.Select(e => e.GetProperty("personId").GetString()));
        var janssen = first[0];
        Assert.Equal(("Drs. A. Janssen", "jeugdhulp-horizon", "stichting-kindante", "regio-zuid-limburg"), (janssen.GetProperty("name").GetString(),
            janssen.GetProperty("organisationId").GetString(), janssen.GetProperty("boardId").GetString(), janssen.GetProperty("registeredBy").GetString()));
        Assert.Equal(["jgz-e-maas", "jgz-f-hermans"],
            (await ListPages.FirstAsync(AsDeLinde, "/api/directory/experts?organisationId=jgz-zuid-limburg", Ct)).Select(e => e.GetProperty("personId").GetString()));
        await ReadAsync(await AsDeLinde.GetAsync("/api/directory/experts/nobody-here", Ct), HttpStatusCode.NotFound);
        AssertErrorOn(await ReadAsync(await AsDeLinde.GetAsync("/api/directory/experts?discipline=schoolleider", Ct), HttpStatusCode.BadRequest), "discipline");

        var snapshot = Assert.Single(await SnapshotsAsync());
        Assert.Contains(snapshot.Boards!, b => b is { Id: "stichting-kindante", Name: "Stichting Kindante" });
        Assert.Contains(snapshot.Organisations, o => o is { Id: "school-bs-de-linde", BoardId: "stichting-kindante" });
        var published = Assert.Single(snapshot.Experts!, e => e.PersonId == "horizon-a-janssen");
        Assert.Equal(("jeugdhulp-horizon", "stichting-kindante", true), (published.OrganisationId, published.BoardId, published.Active));
        Assert.Equal(["orthopedagoog"], published.Disciplines);
        // Every service's copy gets the persons by id only: no display name travels.
        Assert.DoesNotContain("Janssen", await OutboxBodyAsync());
    }

    [Fact]
    public async Task RULES_4_keepers_and_SWVs_register_experts_and_only_whoever_registered_a_person_changes_it()
    {
        // A school, an expert organisation and a municipality register no experts: a school would vouch for its own.
        await ReadAsync(await AsDeLinde.PutAsJsonAsync("/api/directory/experts/linde-eigen-ortho", Person(organisationId: "school-bs-de-linde"), Ct), HttpStatusCode.Forbidden);
        await ReadAsync(await As("jeugdhulp-horizon", "youth-care-provider").PutAsJsonAsync("/api/directory/experts/horizon-k-vliegen", Person(), Ct), HttpStatusCode.Forbidden);
        await ReadAsync(await AsMaastricht.PutAsJsonAsync("/api/directory/experts/horizon-k-vliegen", Person(), Ct), HttpStatusCode.Forbidden);

        // The SWV registers an expert it works with.
        var registered = await ReadAsync(await AsTheSwv.PutAsJsonAsync("/api/directory/experts/horizon-k-vliegen", Person(), Ct), HttpStatusCode.Created);
        Assert.Equal((TheSwv, true), (registered.GetProperty("registeredBy").GetString(), registered.GetProperty("active").GetBoolean()));
        // Another SWV may not rewrite that person, nor may any SWV rewrite a person the keepers registered
        // (dropping A. Janssen's board would make her pass as De Linde's independent first expert).
        await ReadAsync(await AsAnotherSwv.PutAsJsonAsync("/api/directory/experts/horizon-k-vliegen", Person(disciplines: ["psycholoog"]), Ct), HttpStatusCode.Forbidden);
        await ReadAsync(await AsTheSwv.PutAsJsonAsync("/api/directory/experts/horizon-a-janssen", Person(name: "Drs. A. Janssen"), Ct), HttpStatusCode.Forbidden);
        // The registering SWV changes its own; a keeper changes anyone's, and the registrant stays.
        await ReadAsync(await AsTheSwv.PutAsJsonAsync("/api/directory/experts/horizon-k-vliegen", Person(boardId: "stichting-movare"), Ct), HttpStatusCode.OK);
        var kept = await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/experts/horizon-k-vliegen",
            new { name = "Drs. K. Vliegen", organisationId = "jeugdhulp-horizon", boardId = "stichting-movare", disciplines = new[] { "orthopedagoog" }, active = false }, Ct),
            HttpStatusCode.OK);
        Assert.Equal((TheSwv, false), (kept.GetProperty("registeredBy").GetString(), kept.GetProperty("active").GetBoolean()));

        // Boards are the keepers' alone.
        await ReadAsync(await AsTheSwv.PutAsJsonAsync("/api/directory/boards/stichting-nieuw", new { name = "Stichting Nieuw" }, Ct), HttpStatusCode.Forbidden);

        var snapshots = await SnapshotsAsync();
        Assert.Equal([1L, 2L, 3L, 4L], snapshots.Select(s => s.Version));
        Assert.Contains(snapshots[2].Experts!, e => e is { PersonId: "horizon-k-vliegen", BoardId: "stichting-movare", Active: true });
        Assert.Contains(snapshots[3].Experts!, e => e is { PersonId: "horizon-k-vliegen", Active: false });
    }

    [Fact]
    public async Task RULES_4_bad_experts_and_boards_are_400_or_422_on_the_field_and_nothing_is_published()
    {
        var bad = await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/experts/horizon-x", new { disciplines = new[] { "schoolleider" } }, Ct), HttpStatusCode.BadRequest);
        foreach (var field in new[] { "name", "organisationId", "disciplines" }) AssertErrorOn(bad, field);
        AssertErrorOn(await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/experts/horizon-x", Person(disciplines: []), Ct), HttpStatusCode.BadRequest), "disciplines");
        // A person id is an id, never a typed name (and never a BSN: digits-only ids are as meaningless as any other slug here).
        AssertErrorOn(await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/experts/Drs.Janssen", Person(), Ct), HttpStatusCode.UnprocessableEntity), "personId");
        AssertErrorOn(await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/experts/horizon-x", Person(organisationId: "jeugdhulp-onbekend"), Ct), HttpStatusCode.UnprocessableEntity), "organisationId");
        AssertErrorOn(await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/experts/horizon-x", Person(organisationId: "gemeente-maastricht"), Ct), HttpStatusCode.UnprocessableEntity), "organisationId");
        AssertErrorOn(await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/experts/horizon-x", Person(boardId: "stichting-onbekend"), Ct), HttpStatusCode.UnprocessableEntity), "boardId");

        // A school's board must be a known board; only a school has one.
        AssertErrorOn(await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/organisations/school-bs-de-linde", new
        {
            name = "Basisschool De Linde (Maastricht)", type = "school", municipality = "GM0935", swv = TheSwv, boardId = "stichting-onbekend",
        }, Ct), HttpStatusCode.UnprocessableEntity), "boardId");
        AssertErrorOn(await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/organisations/jgz-zuid-limburg",
            new { name = "JGZ Zuid-Limburg", type = "jgz", boardId = "stichting-kindante" }, Ct), HttpStatusCode.UnprocessableEntity), "boardId");
        AssertErrorOn(await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/boards/Stichting Nieuw", new { name = "x" }, Ct), HttpStatusCode.UnprocessableEntity), "id");
        AssertErrorOn(await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/boards/stichting-nieuw", new { }, Ct), HttpStatusCode.BadRequest), "name");

        await ReadAsync(await AsKeeper.GetAsync("/api/directory/experts/horizon-x", Ct), HttpStatusCode.NotFound);
        Assert.Single(await SnapshotsAsync());
    }

    [Fact]
    public async Task A_school_changes_board_and_a_change_that_leaves_the_board_out_keeps_it()
    {
        await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/boards/stichting-kom-leren", new { name = "Stichting Kom Leren" }, Ct), HttpStatusCode.Created);
        var moved = await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/organisations/school-bs-de-linde", new
        {
            name = "Basisschool De Linde (Maastricht)", type = "school", municipality = "GM0935", swv = TheSwv, boardId = "stichting-kom-leren",
        }, Ct), HttpStatusCode.OK);
        Assert.Equal("stichting-kom-leren", moved.GetProperty("boardId").GetString());
        // Existing clients that never send boardId do not wipe it.
        var renamed = await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/organisations/school-bs-de-linde",
            new { name = "Basisschool De Linde", type = "school", municipality = "GM0935", swv = TheSwv }, Ct), HttpStatusCode.OK);
        Assert.Equal("stichting-kom-leren", renamed.GetProperty("boardId").GetString());
        var board = await ReadAsync(await AsDeLinde.GetAsync("/api/directory/boards/stichting-kom-leren", Ct), HttpStatusCode.OK);
        Assert.Equal(["school-bs-de-linde"], board.GetProperty("schools").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("stichting-kom-leren", (await SnapshotsAsync()).Last().Organisations.Single(o => o.Id == "school-bs-de-linde").BoardId);
    }

    private async Task<string> OutboxBodyAsync()
    {
        await using var scope = Directory.Services.CreateAsyncScope();
        var bodies = await scope.ServiceProvider.GetRequiredService<DirectoryDbContext>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.MessageType == typeof(DirectoryPublished).FullName).Select(m => m.Body).ToListAsync(Ct);
        return string.Join("\n", bodies);
    }
}
