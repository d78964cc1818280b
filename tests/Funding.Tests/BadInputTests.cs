using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.TestInfrastructure;

namespace Platform.Funding.Tests;

/// <summary>Bad input gets a problem response naming the field, and nothing is written.</summary>
public sealed class BadInputTests(TestServersFixture fixture) : FundingTestBase(fixture)
{
    private async Task AssertRefusedAsync(object body, HttpStatusCode status, string field)
    {
        var problem = await ReadAsync(await AsSwv.PostAsJsonAsync("/api/funding/arrangements", body, Ct), status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"Expected an error on {field}: {problem}");
        Assert.Equal(0, await InDbAsync(db => db.Arrangements.CountAsync(Ct)));
        Assert.Empty(await EventsAsync());
    }

    private static Dictionary<string, object?> With(object body, string key, object? value)
    {
        var d = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(body))!;
        d[key] = value;
        return d;
    }

    [Fact]
    public async Task Negative_amounts_are_400_naming_the_field()
    {
        await FundBothAsync();
        await AssertRefusedAsync(With(Collective(), "costs", new { educationCents = -1L, careCents = 0L, jointCents = 0L }), HttpStatusCode.BadRequest, "costs.educationCents");
        await AssertRefusedAsync(With(Collective(), "shares", new[] { new { part = "education", funderId = Swv, amountCents = -6_000_000L } }), HttpStatusCode.BadRequest, "shares[0].amountCents");
        var budget = await ReadAsync(await AsSwv.PutAsJsonAsync("/api/funding/budgets/2026/education-support", new { amountCents = -5 }, Ct), HttpStatusCode.BadRequest);
        Assert.True(budget.GetProperty("errors").TryGetProperty("amountCents", out _));
    }

    [Fact]
    public async Task Shares_that_do_not_add_up_to_the_cost_are_422()
    {
        await FundBothAsync();
        await AssertRefusedAsync(With(Collective(), "shares", new object[]
        {
            new { part = "education", funderId = Swv, amountCents = 5_000_000L },
            new { part = "care", funderId = Gemeente, amountCents = 3_000_000L },
            new { part = "joint", funderId = Swv, amountCents = 1_000_000L },
        }), HttpStatusCode.UnprocessableEntity, "shares");
    }

    [Fact]
    public async Task A_period_ending_before_it_starts_is_400()
    {
        await FundBothAsync();
        await AssertRefusedAsync(Collective(startsOn: "2027-02-01", endsOn: "2027-01-31"), HttpStatusCode.BadRequest, "endsOn");
    }

    [Fact]
    public async Task Unknown_funders_and_funders_paying_from_a_line_they_do_not_hold_are_422()
    {
        await FundBothAsync();
        await AssertRefusedAsync(With(Collective(), "shares", new object[]
        {
            new { part = "education", funderId = "swv-does-not-exist", amountCents = 6_000_000L },
            new { part = "care", funderId = Gemeente, amountCents = 3_000_000L },
            new { part = "joint", funderId = Gemeente, amountCents = 1_000_000L },
        }), HttpStatusCode.UnprocessableEntity, "shares[0].funderId");
        // Care is paid from Jeugdwet budgets: an SWV holds none.
        await AssertRefusedAsync(With(Collective(), "shares", new object[]
        {
            new { part = "education", funderId = Swv, amountCents = 6_000_000L },
            new { part = "care", funderId = Swv, amountCents = 3_000_000L },
            new { part = "joint", funderId = Gemeente, amountCents = 1_000_000L },
        }), HttpStatusCode.UnprocessableEntity, "shares[1].funderId");
        var line = await ReadAsync(await AsSwv.PutAsJsonAsync("/api/funding/budgets/2026/youth-care", new { amountCents = 100 }, Ct), HttpStatusCode.UnprocessableEntity);
        Assert.True(line.GetProperty("errors").TryGetProperty("line", out _));
    }

    [Fact]
    public async Task Malformed_json_and_unknown_parts_name_the_field()
    {
        await FundBothAsync();
        using var content = new StringContent("""{"title":"x","places":"many"}""", System.Text.Encoding.UTF8, "application/json");
        var malformed = await ReadAsync(await AsSwv.PostAsync("/api/funding/arrangements", content, Ct), HttpStatusCode.BadRequest);
        Assert.True(malformed.GetProperty("errors").TryGetProperty("places", out _));
        await AssertRefusedAsync(With(Collective(), "shares", new[] { new { part = "transport", funderId = Swv, amountCents = 1L } }), HttpStatusCode.BadRequest, "shares[0].part");
    }

    [Fact]
    public async Task A_budget_cannot_be_lowered_below_what_is_reserved_and_committed()
    {
        await FundBothAsync();
        var id = await ProposedAsync();
        await ReadAsync(await PostAsync(AsSwv, id, "approval"), HttpStatusCode.OK);
        var problem = await ReadAsync(await AsSwv.PutAsJsonAsync("/api/funding/budgets/2026/education-support", new { amountCents = 1_000_000 }, Ct), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("amountCents", out _));
        Assert.Equal(10_000_000, (await BudgetAsync(AsSwv, "education-support")).GetProperty("amountCents").GetInt64());
    }

    [Fact]
    public async Task Amounts_beyond_any_budget_are_400_not_an_overflow()
    {
        await FundBothAsync();
        const long huge = 5_000_000_000_000_000_000;
        await AssertRefusedAsync(With(Collective(), "costs", new { educationCents = huge, careCents = 0L, jointCents = 0L }), HttpStatusCode.BadRequest, "costs.educationCents");
        await AssertRefusedAsync(With(Collective(), "shares", new[] { new { part = "education", funderId = Swv, amountCents = huge } }), HttpStatusCode.BadRequest, "shares[0].amountCents");
    }

    [Fact]
    public async Task A_location_or_municipality_the_region_s_directory_does_not_know_is_422()
    {
        await FundBothAsync();
        // An organisation id is not a location: arrangements run at a vestiging (BRIN + branch code).
        await AssertRefusedAsync(With(Collective(), "locationId", School), HttpStatusCode.UnprocessableEntity, "locationId");
        await AssertRefusedAsync(With(Collective(), "locationId", "99ZZ00"), HttpStatusCode.UnprocessableEntity, "locationId");
        await AssertRefusedAsync(With(Collective(), "servesMunicipalities", new[] { "GM0935", "GM0363" }), HttpStatusCode.UnprocessableEntity, "servesMunicipalities[1]");
    }

    [Fact]
    public async Task The_location_shows_an_arrangement_to_a_school_only()
    {
        await FundBothAsync();
        var id = await DraftAsync();
        var careProviderNamedAsLocation = As(School, "youth-care-provider");
        await ReadAsync(await careProviderNamedAsLocation.GetAsync($"/api/funding/arrangements/{id}", Ct), HttpStatusCode.NotFound);
        await GetAsync(AsSchool, id);
    }
}
