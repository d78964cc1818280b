using System.Net;
using System.Net.Http.Json;

namespace Platform.EndToEnd.Tests;

/// <summary>Funders co-fund a doelgroeparrangement through the gateway, a child from an Intake case is placed, and a dispute goes to the table.</summary>
public sealed class FundingJourneyTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_SWV_and_a_municipality_co_fund_an_arrangement_and_a_child_from_an_Intake_case_is_placed_in_it()
    {
        await Demo.ActiveArrangementAsync(platform.Gateway);
        var caseId = await Demo.PlaceThroughIntakeAsync(platform.Gateway, "567890120", "Noor", "Claessens", "2015-04-04");

        // Other journeys opened arrangements at De Linde too: the child has a place in one of them.
        var swv = await Demo.ClientAsync(platform.Gateway, Demo.Swv);
        var (arrangement, placement) = await Demo.PlacementOfCaseAsync(swv, caseId);
        Assert.Equal(Demo.ChildReference("567890120"), placement.GetProperty("childReference").GetString());
        Assert.True(placement.GetProperty("replacedIndividualDecision").GetBoolean());

        // What each funder sees of its budget: the arrangement's shares are committed.
        var budgets = await Demo.AllItemsAsync(swv, $"/api/funding/budgets?year={Demo.Today.Year}");
        Assert.Contains(budgets, b => b.GetProperty("line").GetString() == "education-support" && b.GetProperty("committedCents").GetInt64() >= 6_000_000);

        // The school sees the arrangement at its location; another municipality does not know it exists.
        var school = await Demo.ClientAsync(platform.Gateway, Demo.School);
        Assert.Equal(HttpStatusCode.OK, (await school.GetAsync($"/api/funding/arrangements/{arrangement}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await school.PostAsync($"/api/funding/arrangements/{arrangement}/approval", null, Ct)).StatusCode);
        var heerlen = await Demo.ClientAsync(platform.Gateway, "gemeente-heerlen");
        Assert.Equal(HttpStatusCode.NotFound, (await heerlen.GetAsync($"/api/funding/arrangements/{arrangement}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_rejected_arrangement_escalates_and_the_tables_binding_decision_activates_it()
    {
        var swv = await Demo.ClientAsync(platform.Gateway, Demo.Swv);
        var maastricht = await Demo.ClientAsync(platform.Gateway, Demo.Municipality);
        var table = await Demo.ClientAsync(platform.Gateway, Demo.Table);
        await Demo.FundersHoldBudgetsAsync(swv, maastricht);

        var id = (await Demo.ReadAsync(await swv.PostAsJsonAsync("/api/funding/arrangements", Demo.CollectiveAtDeLinde(places: 6), Ct), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        await Demo.ReadAsync(await swv.PostAsync($"/api/funding/arrangements/{id}/proposal", null, Ct), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await table.GetAsync($"/api/funding/arrangements/{id}", Ct)).StatusCode);

        var escalated = await Demo.ReadAsync(await maastricht.PostAsJsonAsync($"/api/funding/arrangements/{id}/rejection",
            new { reason = "The care part should come from basic support." }, Ct), HttpStatusCode.OK);
        Assert.Equal("escalated", escalated.GetProperty("status").GetString());

        var awaiting = await Demo.AllItemsAsync(table, "/api/funding/arrangements?awaiting=true");
        Assert.Contains(awaiting, a => a.GetProperty("id").GetGuid() == id);
        var decided = await Demo.ReadAsync(await table.PostAsJsonAsync($"/api/funding/arrangements/{id}/decision", new
        {
            outcome = "fund",
            reason = "Funded as proposed; the care part is Jeugdwet care.",
        }, Ct), HttpStatusCode.OK);
        Assert.Equal("active", decided.GetProperty("status").GetString());
        Assert.Equal("fund", decided.GetProperty("escalation").GetProperty("outcome").GetString());

        var heerlen = await Demo.ClientAsync(platform.Gateway, "gemeente-heerlen");
        Assert.Equal(HttpStatusCode.NotFound, (await heerlen.PostAsJsonAsync($"/api/funding/arrangements/{id}/rejection", new { reason = "x" }, Ct)).StatusCode);
    }
}
