using System.Net;
using System.Net.Http.Json;
using Platform.TestInfrastructure;

namespace Platform.Funding.Tests;

public sealed class ApprovalWorkflowTests(TestServersFixture fixture) : FundingTestBase(fixture)
{
    [Fact]
    public async Task An_arrangement_is_active_only_when_every_funder_approved_and_then_its_amounts_are_committed()
    {
        await FundBothAsync();
        var id = await ProposedAsync();

        var afterSwv = await ReadAsync(await PostAsync(AsSwv, id, "approval"), HttpStatusCode.OK);
        Assert.Equal("partially-approved", afterSwv.GetProperty("status").GetString());
        Assert.Equal(6_500_000, (await BudgetAsync(AsSwv, "education-support")).GetProperty("reservedCents").GetInt64() + (await BudgetAsync(AsSwv, "basic-support")).GetProperty("reservedCents").GetInt64());
        Assert.True((await GetAsync(AsGemeente, id)).GetProperty("awaitingYourDecision").GetBoolean());

        var active = await ReadAsync(await PostAsync(AsGemeente, id, "approval"), HttpStatusCode.OK);
        Assert.Equal("active", active.GetProperty("status").GetString());
        Assert.All(active.GetProperty("shares").EnumerateArray(), s => Assert.Equal("approved", s.GetProperty("decision").GetString()));

        var care = await BudgetAsync(AsGemeente, "youth-care");
        Assert.Equal(0, care.GetProperty("reservedCents").GetInt64());
        Assert.Equal(3_000_000, care.GetProperty("committedCents").GetInt64());
        Assert.Equal(7_000_000, care.GetProperty("leftCents").GetInt64());
        Assert.Equal(["ArrangementProposed", "FunderShareApproved", "FunderShareApproved", "FunderShareApproved", "FunderShareApproved", "ArrangementActivated"],
            await EventsAsync());
    }

    [Fact]
    public async Task A_change_request_sends_it_back_to_the_proposer_resets_every_approval_and_releases_the_reservations()
    {
        await FundBothAsync();
        var id = await ProposedAsync();
        await ReadAsync(await PostAsync(AsSwv, id, "approval"), HttpStatusCode.OK);

        var back = await ReadAsync(await PostAsync(AsGemeente, id, "change-request", new { reason = "Care part: fewer hours, more places." }), HttpStatusCode.OK);
        Assert.Equal("draft", back.GetProperty("status").GetString());
        Assert.All(back.GetProperty("shares").EnumerateArray(), s => Assert.Equal("pending", s.GetProperty("decision").GetString()));
        Assert.Equal(0, (await BudgetAsync(AsSwv, "education-support")).GetProperty("reservedCents").GetInt64());
        Assert.Equal("Care part: fewer hours, more places.", back.GetProperty("changeRequests")[0].GetProperty("reason").GetString());

        // Approving a draft is not a move the workflow has; the proposer revises and proposes again.
        await ReadAsync(await PostAsync(AsSwv, id, "approval"), HttpStatusCode.Conflict);
        await ReadAsync(await AsSwv.PutAsJsonAsync($"/api/funding/arrangements/{id}", Collective(places: 16), Ct), HttpStatusCode.OK);
        await ReadAsync(await PostAsync(AsSwv, id, "proposal"), HttpStatusCode.OK);
        await ReadAsync(await PostAsync(AsSwv, id, "approval"), HttpStatusCode.OK);
        var active = await ReadAsync(await PostAsync(AsGemeente, id, "approval"), HttpStatusCode.OK);
        Assert.Equal(16, active.GetProperty("places").GetInt32());
        Assert.Equal("active", active.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Illegal_moves_are_refused_with_409_and_a_funder_decides_once()
    {
        await FundBothAsync();
        var draft = await DraftAsync();
        await ReadAsync(await PostAsync(AsSwv, draft, "approval"), HttpStatusCode.Conflict);
        await ReadAsync(await PostAsync(AsTable, draft, "decision", new { outcome = "fund", reason = "x" }), HttpStatusCode.NotFound);

        var id = await ProposedAsync();
        await ReadAsync(await PostAsync(AsSwv, id, "approval"), HttpStatusCode.OK);
        await ReadAsync(await PostAsync(AsSwv, id, "approval"), HttpStatusCode.Conflict);
        await ReadAsync(await PostAsync(AsSwv, id, "proposal"), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Who_sees_what_funders_and_the_school_see_it_another_municipality_gets_404_and_a_school_cannot_approve()
    {
        await FundBothAsync();
        var id = await ProposedAsync();

        await GetAsync(AsSwv, id);
        await GetAsync(AsGemeente, id);
        var atSchool = await GetAsync(AsSchool, id);
        Assert.False(atSchool.GetProperty("awaitingYourDecision").GetBoolean());

        var heerlen = As("gemeente-heerlen", "municipality", "GM0917");
        await ReadAsync(await heerlen.GetAsync($"/api/funding/arrangements/{id}", Ct), HttpStatusCode.NotFound);
        await ReadAsync(await PostAsync(heerlen, id, "approval"), HttpStatusCode.NotFound);
        Assert.Empty(await ListPages.FirstAsync(heerlen, "/api/funding/arrangements", Ct));
        await ReadAsync(await AsTable.GetAsync($"/api/funding/arrangements/{id}", Ct), HttpStatusCode.NotFound);

        await ReadAsync(await PostAsync(AsSchool, id, "approval"), HttpStatusCode.Forbidden);
        await ReadAsync(await AsSchool.PostAsJsonAsync("/api/funding/arrangements", Collective(), Ct), HttpStatusCode.Forbidden);
        await ReadAsync(await AsSchool.PutAsJsonAsync("/api/funding/budgets/2026/basic-support", new { amountCents = 1 }, Ct), HttpStatusCode.Forbidden);

        var awaiting = await ListPages.FirstAsync(AsGemeente, "/api/funding/arrangements?awaiting=true", Ct);
        Assert.Equal(id, Assert.Single(awaiting).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_move_the_handler_refuses_is_logged_as_denied()
    {
        await FundBothAsync();
        var id = await ProposedAsync();
        await ReadAsync(await PostAsync(AsSchool, id, "approval"), HttpStatusCode.Forbidden);
        var lines = await InDbAsync(db => AuditLines.InOutboxAsync(db, Ct));
        var line = Assert.Single(lines, l => l.OrganisationId == School && l.Route?.Contains("approval", StringComparison.Ordinal) == true);
        Assert.Equal(("update", id.ToString(), "denied"), (line.Action, line.RecordId, line.Outcome));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_budgets_the_workflow_and_placements()
    {
        var document = await Funding.CreateClient().GetStringAsync("/api/funding/openapi/v1.json", Ct);
        foreach (var path in new[]
        {
            "/api/funding/budgets/{year}/{line}", "/api/funding/arrangements", "/api/funding/arrangements/{id}/approval",
            "/api/funding/arrangements/{id}/rejection", "/api/funding/arrangements/{id}/change-request",
            "/api/funding/arrangements/{id}/decision", "/api/funding/arrangements/{id}/pre-financing", "/api/funding/arrangements/{id}/placements",
        })
            Assert.Contains($"\"{path}", document);
    }
}
