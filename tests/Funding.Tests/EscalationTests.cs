using System.Net.Http.Json;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.Funding.Jobs;
using Platform.TestInfrastructure;

namespace Platform.Funding.Tests;

/// <summary>Doorzettingsmacht: a rejection or a missed deadline goes to the table, whose decision is binding.</summary>
public sealed class EscalationTests(TestServersFixture fixture) : FundingTestBase(fixture)
{
    [Fact]
    public async Task A_rejection_escalates_and_the_tables_decision_to_fund_activates_it_on_its_own_allocation()
    {
        await FundBothAsync();
        var id = await ProposedAsync();
        await ReadAsync(await PostAsync(AsSwv, id, "approval"), HttpStatusCode.OK);
        var escalated = await ReadAsync(await PostAsync(AsGemeente, id, "rejection", new { reason = "The care part belongs to the SWV's basic support." }), HttpStatusCode.OK);
        Assert.Equal("escalated", escalated.GetProperty("status").GetString());
        Assert.Equal("rejected", escalated.GetProperty("escalation").GetProperty("cause").GetString());

        // Now the table sees it, and only the table decides.
        await GetAsync(AsTable, id);
        await ReadAsync(await PostAsync(AsGemeente, id, "decision", new { outcome = "fund", reason = "x" }), HttpStatusCode.Forbidden);
        await ReadAsync(await PostAsync(AsGemeente, id, "approval"), HttpStatusCode.Conflict);

        // The table splits the care part between both; the SWV's earlier reservation is replaced by the binding allocation.
        var decided = await ReadAsync(await PostAsync(AsTable, id, "decision", new
        {
            outcome = "fund",
            reason = "Joint responsibility: care split 50/50 for this school year.",
            allocation = new object[]
            {
                new { part = "education", funderId = Swv, amountCents = 6_000_000L },
                new { part = "care", funderId = Gemeente, amountCents = 3_000_000L },
                new { part = "joint", funderId = Swv, amountCents = 1_000_000L },
            },
        }), HttpStatusCode.OK);
        Assert.Equal("active", decided.GetProperty("status").GetString());
        Assert.Equal("fund", decided.GetProperty("escalation").GetProperty("outcome").GetString());
        Assert.Equal(7_000_000, (await BudgetAsync(AsSwv, "education-support")).GetProperty("committedCents").GetInt64() + (await BudgetAsync(AsSwv, "basic-support")).GetProperty("committedCents").GetInt64());
        Assert.Equal(0, (await BudgetAsync(AsSwv, "basic-support")).GetProperty("reservedCents").GetInt64());
        Assert.Equal(0, (await BudgetAsync(AsGemeente, "basic-support")).GetProperty("committedCents").GetInt64());

        Assert.Equal(["ArrangementProposed", "FunderShareApproved", "FunderShareApproved", "FunderShareRejected", "ArrangementEscalated", "EscalationDecided", "ArrangementActivated"],
            await EventsAsync());
        await ReadAsync(await PostAsync(AsTable, id, "decision", new { outcome = "refuse", reason = "again" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task No_decision_before_the_deadline_escalates_on_the_fake_clock()
    {
        await FundBothAsync();
        var id = await ProposedAsync();
        await ReadAsync(await PostAsync(AsSwv, id, "approval"), HttpStatusCode.OK);
        var watcher = Funding.Services.GetRequiredService<DecisionDeadlineWatcher>();

        Clock.Advance(TimeSpan.FromDays(14));
        await watcher.RunOnceAsync(Ct);
        Assert.Equal("partially-approved", (await GetAsync(AsSwv, id)).GetProperty("status").GetString());

        Clock.Advance(TimeSpan.FromDays(1));
        await watcher.RunOnceAsync(Ct);
        var escalated = await GetAsync(AsTable, id);
        Assert.Equal("escalated", escalated.GetProperty("status").GetString());
        Assert.Equal("deadline", escalated.GetProperty("escalation").GetProperty("cause").GetString());

        // Once only, and the proposed shares stand when the table funds without its own allocation.
        await watcher.RunOnceAsync(Ct);
        Assert.Single(await EventsAsync(), e => e == "ArrangementEscalated");
        var decided = await ReadAsync(await PostAsync(AsTable, id, "decision", new { outcome = "fund", reason = "Both pay as proposed." }), HttpStatusCode.OK);
        Assert.Equal("active", decided.GetProperty("status").GetString());
        Assert.Equal(3_000_000, (await BudgetAsync(AsGemeente, "youth-care")).GetProperty("committedCents").GetInt64());
    }

    [Fact]
    public async Task An_urgent_arrangement_runs_on_pre_financing_during_the_dispute_and_is_settled_against_the_right_budgets_after_the_decision()
    {
        await FundBothAsync();
        var id = await ProposedAsync(Collective(urgent: true, preFinancer: Gemeente));
        await ReadAsync(await PostAsync(AsSwv, id, "rejection", new { reason = "Not in our support plan." }), HttpStatusCode.OK);

        await ReadAsync(await PostAsync(AsSwv, id, "pre-financing", new { budgetLine = "education-support" }), HttpStatusCode.Forbidden);
        var running = await ReadAsync(await PostAsync(AsGemeente, id, "pre-financing", new { budgetLine = "youth-care" }), HttpStatusCode.OK);
        Assert.Equal(10_000_000, running.GetProperty("preFinancing").GetProperty("amountCents").GetInt64());
        Assert.Equal(10_000_000, (await BudgetAsync(AsGemeente, "youth-care")).GetProperty("reservedCents").GetInt64());
        await ReadAsync(await PostAsync(AsGemeente, id, "pre-financing", new { budgetLine = "youth-care" }), HttpStatusCode.Conflict);

        var decided = await ReadAsync(await PostAsync(AsTable, id, "decision", new { outcome = "fund", reason = "The SWV pays the education part as proposed." }), HttpStatusCode.OK);
        Assert.Equal("active", decided.GetProperty("status").GetString());
        Assert.Equal(0, decided.GetProperty("preFinancing").GetProperty("borneCents").GetInt64());
        var care = await BudgetAsync(AsGemeente, "youth-care");
        Assert.Equal(0, care.GetProperty("reservedCents").GetInt64());
        Assert.Equal(3_000_000, care.GetProperty("committedCents").GetInt64());
        Assert.Equal(6_000_000, (await BudgetAsync(AsSwv, "education-support")).GetProperty("committedCents").GetInt64());
        Assert.Contains("PreFinancingStarted", await EventsAsync());
    }

    [Fact]
    public async Task A_refusal_ends_the_arrangement_and_the_pre_financer_bears_the_days_it_ran()
    {
        await FundBothAsync();
        // 2026-11-25 to 2026-12-04: ten days at €1,000 a day (education €7,000, care €2,000, joint €1,000).
        var id = await ProposedAsync(Collective(urgent: true, preFinancer: Gemeente, education: 700_000, care: 200_000, joint: 100_000,
            startsOn: "2026-11-25", endsOn: "2026-12-04"));
        await ReadAsync(await PostAsync(AsGemeente, id, "pre-financing", new { budgetLine = "youth-care" }), HttpStatusCode.OK);
        await ReadAsync(await PostAsync(AsSwv, id, "rejection", new { reason = "No." }), HttpStatusCode.OK);

        Clock.Advance(TimeSpan.FromDays(3)); // it ran 25, 26, 27 and 28 November
        var refused = await ReadAsync(await PostAsync(AsTable, id, "decision", new { outcome = "refuse", reason = "Outside the regional agreement." }), HttpStatusCode.OK);
        Assert.Equal("rejected", refused.GetProperty("status").GetString());
        Assert.Equal(400_000, refused.GetProperty("preFinancing").GetProperty("borneCents").GetInt64());
        var care = await BudgetAsync(AsGemeente, "youth-care");
        Assert.Equal(0, care.GetProperty("reservedCents").GetInt64());
        Assert.Equal(400_000, care.GetProperty("committedCents").GetInt64());
        Assert.Contains("ArrangementEnded", await EventsAsync());
    }

    [Fact]
    public async Task Pre_financing_holds_only_what_approvals_have_not_secured_through_approvals_a_change_request_and_activation()
    {
        await FundBothAsync();
        var id = await ProposedAsync(Collective(urgent: true, preFinancer: Gemeente));
        await ReadAsync(await PostAsync(AsSwv, id, "approval"), HttpStatusCode.OK); // the SWV secures €65,000

        await ReadAsync(await PostAsync(AsGemeente, id, "pre-financing", new { budgetLine = "youth-care" }), HttpStatusCode.OK);
        async Task<long> HeldAsync() => (await BudgetAsync(AsGemeente, "youth-care")).GetProperty("reservedCents").GetInt64();
        Assert.Equal(3_500_000, await HeldAsync());

        // A change request: the SWV's secured part goes back into the hold, so the help keeps running.
        await ReadAsync(await PostAsync(AsGemeente, id, "change-request", new { reason = "Fewer places." }), HttpStatusCode.OK);
        Assert.Equal(10_000_000, await HeldAsync());
        Assert.Equal(0, (await BudgetAsync(AsSwv, "education-support")).GetProperty("reservedCents").GetInt64());
        // While it runs on pre-financing, the money cannot be revised away under it.
        var revised = await ReadAsync(await AsSwv.PutAsJsonAsync($"/api/funding/arrangements/{id}", Collective(urgent: true, preFinancer: Gemeente, education: 5_000_000), Ct), HttpStatusCode.UnprocessableEntity);
        Assert.True(revised.GetProperty("errors").TryGetProperty("preFinancerId", out _));

        await ReadAsync(await PostAsync(AsSwv, id, "proposal"), HttpStatusCode.OK);
        await ReadAsync(await PostAsync(AsSwv, id, "approval"), HttpStatusCode.OK);
        await ReadAsync(await PostAsync(AsGemeente, id, "approval"), HttpStatusCode.OK);
        var active = await GetAsync(AsGemeente, id);
        Assert.Equal("active", active.GetProperty("status").GetString());
        Assert.Equal(0, active.GetProperty("preFinancing").GetProperty("borneCents").GetInt64());
        foreach (var (funder, line, committed) in new[] { (AsSwv, "education-support", 6_000_000L), (AsSwv, "basic-support", 500_000L), (AsGemeente, "youth-care", 3_000_000L), (AsGemeente, "basic-support", 500_000L) })
        {
            var budget = await BudgetAsync(funder, line);
            Assert.Equal((0L, committed), (budget.GetProperty("reservedCents").GetInt64(), budget.GetProperty("committedCents").GetInt64()));
        }
    }
}
