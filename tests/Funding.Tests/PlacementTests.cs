using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Handover;
using Platform.Contracts.Intake;
using Platform.Funding.Domain;
using Platform.TestInfrastructure;

namespace Platform.Funding.Tests;

/// <summary>Intake's ArrangementRequested on the real broker places a child, or drafts an individual arrangement.</summary>
public sealed class PlacementTests(TestServersFixture fixture) : FundingTestBase(fixture)
{
    private async Task<Guid> ActiveAsync(object? body = null)
    {
        await FundBothAsync();
        var id = await ProposedAsync(body);
        await ReadAsync(await PostAsync(AsSwv, id, "approval"), HttpStatusCode.OK);
        await ReadAsync(await PostAsync(AsGemeente, id, "approval"), HttpStatusCode.OK);
        return id;
    }

    private ArrangementRequested Request(string child, string kind = "collective", string? school = School, string municipality = GemeenteCode, string[]? domains = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), child, municipality, kind, domains ?? ["social-emotional"], false, Clock.GetUtcNow(), school);

    [Fact]
    public async Task A_request_places_the_child_in_a_collective_arrangement_at_its_school_once_even_when_delivered_twice()
    {
        var id = await ActiveAsync();
        var request = Request("cr1-placed");
        await PublishAndWaitAsync(request, db => db.Placements.AnyAsync(p => p.RequestId == request.RequestId));
        await Funding.PublishAndWaitAsync(request); // the same request again, under a new message id

        var placement = Assert.Single(await ListPages.FirstAsync(AsSchool, $"/api/funding/arrangements/{id}/placements", Ct));
        // Without the parents' consent for the arrangement, the school sees a place taken, not whose.
        Assert.Equal(JsonValueKind.Null, placement.GetProperty("childReference").ValueKind);
        var consent = new ConsentGranted(Guid.NewGuid(), request.CaseId, "cr1-placed", [School], "A place in the group", ["parents"], null, Clock.GetUtcNow(), ["support", "arrangement"]);
        await PublishAndWaitAsync(consent, db => db.Set<Platform.ConsentReplica.ConsentCopy>().AnyAsync(c => c.ConsentId == consent.ConsentId));
        placement = Assert.Single(await ListPages.FirstAsync(AsSchool, $"/api/funding/arrangements/{id}/placements", Ct));
        Assert.Equal("cr1-placed", placement.GetProperty("childReference").GetString());
        Assert.True(placement.GetProperty("replacedIndividualDecision").GetBoolean());
        Assert.Equal(11, (await GetAsync(AsSwv, id)).GetProperty("freePlaces").GetInt32());
        Assert.Contains("PlacementConfirmed", await EventsAsync());
    }

    [Fact]
    public async Task When_no_arrangement_fits_an_individual_arrangement_is_drafted_for_the_home_municipality_and_its_approval_places_the_child()
    {
        await ActiveAsync();
        // Nothing covers home-situation support, so no collective place fits.
        var request = Request("cr1-individual", domains: ["home-situation"]);
        await PublishAndWaitAsync(request, db => db.Arrangements.AnyAsync(a => a.RequestId == request.RequestId));
        Assert.Contains("IndividualArrangementProposed", await EventsAsync());

        var drafts = await ListPages.FirstAsync(AsGemeente, "/api/funding/arrangements?status=draft", Ct);
        var draft = Assert.Single(drafts);
        Assert.Equal("individual", draft.GetProperty("kind").GetString());
        Assert.Equal(Gemeente, draft.GetProperty("proposedBy").GetString());
        var id = draft.GetProperty("id").GetGuid();
        await ReadAsync(await As("gemeente-heerlen", "municipality", "GM0917").GetAsync($"/api/funding/arrangements/{id}", Ct), HttpStatusCode.NotFound);

        // The municipality costs it (care only) and proposes it; its approval places the child.
        var costed = new
        {
            kind = "individual", title = "Ambulante begeleiding thuis", locationId = SchoolLocation, targetGroup = "One child",
            supportDomains = new[] { "home-situation" }, places = 1, startsOn = "2026-12-01", endsOn = "2027-05-31",
            costs = new { educationCents = 0L, careCents = 850_000L, jointCents = 0L },
            shares = new[] { new { part = "care", funderId = Gemeente, amountCents = 850_000L } },
        };
        // It stays the child's individual arrangement: revising it into a collective one is refused.
        var collective = JsonSerializer.Deserialize<Dictionary<string, object>>(JsonSerializer.Serialize(costed))!;
        collective["kind"] = "collective";
        await ReadAsync(await AsGemeente.PutAsJsonAsync($"/api/funding/arrangements/{id}", collective, Ct), HttpStatusCode.UnprocessableEntity);
        await ReadAsync(await AsGemeente.PutAsJsonAsync($"/api/funding/arrangements/{id}", costed, Ct), HttpStatusCode.OK);
        await ReadAsync(await PostAsync(AsGemeente, id, "proposal"), HttpStatusCode.OK);
        var active = await ReadAsync(await PostAsync(AsGemeente, id, "approval"), HttpStatusCode.OK);
        Assert.Equal("active", active.GetProperty("status").GetString());
        var placement = await InDbAsync(db => db.Placements.SingleAsync(p => p.RequestId == request.RequestId, Ct));
        Assert.Equal(ArrangementKinds.Individual, placement.Kind);
        Assert.False(placement.ReplacedIndividualDecision);
    }

    [Fact]
    public async Task Every_decision_about_a_child_is_an_access_log_line_the_arrangement_moves_and_the_placements_they_make_and_end()
    {
        // #25 point 7 (NEN 7513): the workflow's decisions are logged, with the child's reference, in the transaction that makes them.
        await ActiveAsync();
        var draft = await DraftAsync();
        var request = Request("cr1-decided", domains: ["home-situation"]);
        await PublishAndWaitAsync(request, db => db.Arrangements.AnyAsync(a => a.RequestId == request.RequestId));
        var id = await InDbAsync(db => db.Arrangements.Where(a => a.RequestId == request.RequestId).Select(a => a.Id).SingleAsync(Ct));
        var costed = new
        {
            kind = "individual", title = "Ambulante begeleiding thuis", locationId = SchoolLocation, targetGroup = "One child",
            supportDomains = new[] { "home-situation" }, places = 1, startsOn = "2026-12-01", endsOn = "2027-05-31",
            costs = new { educationCents = 0L, careCents = 850_000L, jointCents = 0L },
            shares = new[] { new { part = "care", funderId = Gemeente, amountCents = 850_000L } },
        };
        await ReadAsync(await AsGemeente.PutAsJsonAsync($"/api/funding/arrangements/{id}", costed, Ct), HttpStatusCode.OK);
        await ReadAsync(await PostAsync(AsGemeente, id, "proposal"), HttpStatusCode.OK);
        await ReadAsync(await PostAsync(AsGemeente, id, "approval"), HttpStatusCode.OK);
        var placement = await InDbAsync(db => db.Placements.SingleAsync(p => p.RequestId == request.RequestId, Ct));
        await ReadAsync(await PostAsync(AsGemeente, id, "end", new { endedOn = "2027-01-31" }), HttpStatusCode.OK);

        var lines = await InDbAsync(db => AuditLines.InOutboxAsync(db, Ct));
        Assert.Contains(lines, l => (l.RecordType, l.RecordId, l.Action, l.Outcome) == ("arrangement", draft.ToString(), "create", "success"));
        var decisions = lines.Where(l => l.RecordType == "arrangement" && l.RecordId == id.ToString() && l.Action == "update").ToList();
        Assert.Equal(4, decisions.Count); // revised, proposed, approved, ended
        Assert.All(decisions, l => Assert.Equal(("cr1-decided", Gemeente, "success"), (l.ChildReference, l.OrganisationId, l.Outcome)));
        var ofPlacement = lines.Where(l => l.RecordType == "placement" && l.RecordId == placement.Id.ToString()).ToList();
        Assert.Equal(["create", "update"], ofPlacement.Select(l => l.Action)); // placed by the approval, ended by the end
        Assert.All(ofPlacement, l => Assert.Equal("cr1-decided", l.ChildReference));
    }

    [Fact]
    public async Task A_child_from_a_municipality_the_arrangement_serves_is_placed_near_its_school()
    {
        var id = await ActiveAsync();
        var request = Request("cr1-near", school: "school-bs-elders");
        await PublishAndWaitAsync(request, db => db.Placements.AnyAsync(p => p.RequestId == request.RequestId));
        Assert.Equal(id, await InDbAsync(db => db.Placements.Where(p => p.RequestId == request.RequestId).Select(p => p.ArrangementId).SingleAsync(Ct)));

        var elsewhere = Request("cr1-far", school: "school-bs-elders", municipality: "GM0917");
        await PublishAndWaitAsync(elsewhere, db => db.Arrangements.AnyAsync(a => a.RequestId == elsewhere.RequestId));
    }

    [Fact]
    public async Task A_completed_handover_ends_a_placement_tied_to_the_old_school_and_moves_a_portable_one_with_the_child()
    {
        var tied = await ActiveAsync();
        var request = Request("cr1-moving");
        await PublishAndWaitAsync(request, db => db.Placements.AnyAsync(p => p.RequestId == request.RequestId));

        var completed = new HandoverCompleted(Guid.NewGuid(), "cr1-moving", "primary-to-secondary", School, "school-vo-college-parkstad",
            Clock.GetUtcNow(), OnTime: true, Terugplaatsing: false);
        await PublishAndWaitAsync(completed, db => db.Placements.AnyAsync(p => p.ChildReference == "cr1-moving" && p.Status == PlacementStatus.Ended));
        Assert.Equal(0, (await GetAsync(AsSwv, tied)).GetProperty("occupied").GetInt32());
        Assert.Contains("PlacementEnded", await EventsAsync());

        var portable = await ProposedAsync(JsonSerializer.Deserialize<Dictionary<string, object>>(JsonSerializer.Serialize(Collective(places: 4, education: 2_000_000)))!
            .Append(new KeyValuePair<string, object>("portable", true)).ToDictionary());
        await ReadAsync(await PostAsync(AsSwv, portable, "approval"), HttpStatusCode.OK);
        await ReadAsync(await PostAsync(AsGemeente, portable, "approval"), HttpStatusCode.OK);
        await ReadAsync(await PostAsync(AsSwv, tied, "end"), HttpStatusCode.OK);
        var again = Request("cr1-moving-2");
        await PublishAndWaitAsync(again, db => db.Placements.AnyAsync(p => p.RequestId == again.RequestId));
        var moved = completed with { HandoverId = Guid.NewGuid(), ChildReference = "cr1-moving-2" };
        await PublishAndWaitAsync(moved, db => db.Placements.AnyAsync(p => p.ChildReference == "cr1-moving-2" && p.SchoolId == "school-vo-college-parkstad"));
        Assert.Contains("PlacementMoved", await EventsAsync());
    }
}
