using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Intake;
using Platform.Funding.Domain;
using Platform.TestInfrastructure;

namespace Platform.Funding.Tests;

/// <summary>Races on real PostgreSQL: the last euro and the last place go to exactly one.</summary>
public sealed class ConcurrencyTests(TestServersFixture fixture) : FundingTestBase(fixture)
{
    [Fact]
    public async Task Two_approvals_racing_for_the_last_euro_one_is_approved_the_other_refused_with_409()
    {
        // Each arrangement's education share is €60,000; the SWV's education budget holds €100,000.
        await FundBothAsync();
        await SetBudgetAsync(AsSwv, "education-support", 10_000_000);
        var first = await ProposedAsync();
        var second = await ProposedAsync();

        for (var round = 0; round < 3; round++)
        {
            var responses = await Task.WhenAll(PostAsync(AsSwv, first, "approval"), PostAsync(AsSwv, second, "approval"));
            var codes = responses.Select(r => r.StatusCode).OrderBy(c => c).ToList();
            if (round == 0)
            {
                Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], codes);
            }
            else
            {
                // The winner has decided already (409), the loser still cannot afford it (409).
                Assert.All(codes, c => Assert.Equal(HttpStatusCode.Conflict, c));
            }
        }
        var budget = await BudgetAsync(AsSwv, "education-support");
        Assert.Equal(6_000_000, budget.GetProperty("reservedCents").GetInt64());
        Assert.Equal(4_000_000, budget.GetProperty("leftCents").GetInt64());
    }

    [Fact]
    public async Task Two_funders_approving_at_the_same_moment_both_count_and_the_arrangement_activates()
    {
        await FundBothAsync(each: 100_000_000);
        for (var i = 0; i < 5; i++)
        {
            var id = await ProposedAsync();
            var responses = await Task.WhenAll(PostAsync(AsSwv, id, "approval"), PostAsync(AsGemeente, id, "approval"));
            foreach (var r in responses) await ReadAsync(r, HttpStatusCode.OK);
            Assert.Equal("active", (await GetAsync(AsSwv, id)).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Concurrent_placements_never_exceed_the_capacity()
    {
        await FundBothAsync();
        var id = await ProposedAsync(Collective(places: 3));
        await ReadAsync(await PostAsync(AsSwv, id, "approval"), HttpStatusCode.OK);
        await ReadAsync(await PostAsync(AsGemeente, id, "approval"), HttpStatusCode.OK);

        var requests = Enumerable.Range(0, 12).Select(i => new ArrangementRequested(
            Guid.NewGuid(), Guid.NewGuid(), $"cr1-child-{i}", GemeenteCode, "collective", ["social-emotional"], false, Clock.GetUtcNow(), School)).ToList();
        var bus = await Funding.BusAsync();
        await Task.WhenAll(requests.Select(r => bus.Publish(r, Ct)));
        await WaitUntilAsync(async db =>
            await db.Placements.CountAsync(Ct) + await db.Arrangements.CountAsync(a => a.Kind == ArrangementKinds.Individual, Ct) == 12);

        var arrangement = await InDbAsync(db => db.Arrangements.AsNoTracking().SingleAsync(a => a.Id == id, Ct));
        Assert.Equal(3, arrangement.Occupied);
        Assert.Equal(3, await InDbAsync(db => db.Placements.CountAsync(p => p.ArrangementId == id, Ct)));
        Assert.Equal(9, await InDbAsync(db => db.Arrangements.CountAsync(a => a.Kind == ArrangementKinds.Individual, Ct)));
    }
}
