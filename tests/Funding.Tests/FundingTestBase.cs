using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Funding.Infrastructure;
using Platform.Messaging.Outbox;
using Platform.TestInfrastructure;

namespace Platform.Funding.Tests;

/// <summary>
/// One Funding service per test class on a fresh database, and the demo's cast: an SWV and a
/// municipality that co-fund, another municipality, a school and the escalation table. Every
/// test uses its own funder ids, so budgets never collide between tests.
/// </summary>
public abstract class FundingTestBase(TestServersFixture fixture) : ServiceTestBase<Program, FundingDbContext>(fixture)
{
    public const string Table = "escalatietafel-test";
    protected const string School = DemoDirectory.DeLinde;
    /// <summary>De Linde's main location in the demo directory.</summary>
    protected const string SchoolLocation = DemoDirectory.DeLindeLocation;
    protected readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    protected ServiceFactory<Program, FundingDbContext> Funding => Service;

    /// <summary>Funder ids unique to this test instance.</summary>
    protected readonly string Swv = $"swv-po-{Guid.NewGuid():N}"[..20];
    protected readonly string Gemeente = $"gemeente-{Guid.NewGuid():N}"[..20];
    protected const string GemeenteCode = "GM0935";

    /// <summary>Tests run the deadline checks themselves, on the fake clock.</summary>
    protected override ServiceSetup Setup => new()
    {
        Clock = Clock,
        Settings = new Dictionary<string, string?> { ["Funding:EscalationTableId"] = Table },
    };

    /// <summary>The service stops and a new one starts on the same database: the durable dates survive, the raised marks too.</summary>
    protected async Task RestartAsync()
    {
        var old = Funding;
        await old.DisposeAsync();
        Service = new ServiceFactory<Program, FundingDbContext>(old.Database, old.Messaging, old.Setup with { DemoDirectory = false });
        await Service.StartAsync();
    }

    /// <summary>The bodies of the outbox's events of <paramref name="type"/> (the contract's short name), oldest first.</summary>
    protected async Task<List<JsonElement>> OutboxPayloadsAsync(string type) => await InDbAsync(async db =>
    {
        var rows = await db.Set<OutboxMessage>().AsNoTracking().WithoutAudit().OrderBy(m => m.Sequence).ToListAsync(Ct);
        return rows.Where(r => r.MessageType.EndsWith("." + type, StringComparison.Ordinal)).Select(r => JsonDocument.Parse(r.Body).RootElement.Clone()).ToList();
    });

    protected HttpClient As(string organisation, string type, string? municipality = null) =>
        Funding.WithToken(Tokens.For(organisation, Audience, type, municipality: municipality));

    protected HttpClient AsSwv => As(Swv, "swv");
    protected HttpClient AsGemeente => As(Gemeente, "municipality", GemeenteCode);
    protected HttpClient AsTable => As(Table, "escalation-table");
    protected HttpClient AsSchool => As(School, "school", GemeenteCode);

    protected async Task SetBudgetAsync(HttpClient funder, string line, long cents, int year = 2026)
    {
        var response = await funder.PutAsJsonAsync($"/api/funding/budgets/{year}/{line}", new { amountCents = cents }, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    protected async Task<JsonElement> BudgetAsync(HttpClient funder, string line, int year = 2026)
    {
        var all = await ListPages.FirstAsync(funder, $"/api/funding/budgets?year={year}", Ct);
        return all.Single(b => b.GetProperty("line").GetString() == line);
    }

    /// <summary>Both funders hold ample budgets for the demo arrangement's parts.</summary>
    protected async Task FundBothAsync(long each = 10_000_000)
    {
        await SetBudgetAsync(AsSwv, "education-support", each);
        await SetBudgetAsync(AsSwv, "basic-support", each);
        await SetBudgetAsync(AsGemeente, "youth-care", each);
        await SetBudgetAsync(AsGemeente, "basic-support", each);
    }

    /// <summary>
    /// A doelgroeparrangement at De Linde: education €60,000 from the SWV, care €30,000 from the
    /// municipality, the joint €10,000 split between them.
    /// </summary>
    protected object Collective(int places = 12, bool urgent = false, string? preFinancer = null, long education = 6_000_000,
        string startsOn = "2026-12-01", string endsOn = "2027-07-31", string[]? domains = null, long care = 3_000_000, long joint = 1_000_000) => new
    {
        kind = "collective",
        title = "Groep Anders Leren De Linde",
        locationId = SchoolLocation,
        targetGroup = "Children with intensive social-emotional support needs in groups 5-8",
        supportDomains = domains ?? new[] { "social-emotional", "learning" },
        servesMunicipalities = new[] { GemeenteCode },
        places,
        startsOn,
        endsOn,
        urgent,
        preFinancerId = preFinancer,
        costs = new { educationCents = education, careCents = care, jointCents = joint },
        shares = new object[]
        {
            new { part = "education", funderId = Swv, amountCents = education },
            new { part = "care", funderId = Gemeente, amountCents = care },
            new { part = "joint", funderId = Swv, amountCents = joint / 2 },
            new { part = "joint", funderId = Gemeente, amountCents = joint - joint / 2 },
        },
    };

    protected async Task<Guid> DraftAsync(object? body = null, HttpClient? proposer = null)
    {
        var created = await ReadAsync(await (proposer ?? AsSwv).PostAsJsonAsync("/api/funding/arrangements", body ?? Collective(), Ct), HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    protected async Task<Guid> ProposedAsync(object? body = null)
    {
        var id = await DraftAsync(body);
        await ReadAsync(await AsSwv.PostAsync($"/api/funding/arrangements/{id}/proposal", null, Ct), HttpStatusCode.OK);
        return id;
    }

    protected Task<HttpResponseMessage> PostAsync(HttpClient client, Guid id, string step, object? body = null) =>
        body is null ? client.PostAsync($"/api/funding/arrangements/{id}/{step}", null, Ct)
            : client.PostAsJsonAsync($"/api/funding/arrangements/{id}/{step}", body, Ct);

    protected async Task<JsonElement> GetAsync(HttpClient client, Guid id) =>
        await ReadAsync(await client.GetAsync($"/api/funding/arrangements/{id}", Ct), HttpStatusCode.OK);

    protected async Task<List<string>> EventsAsync()
    {
        await using var scope = Funding.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<FundingDbContext>().Set<OutboxMessage>().AsNoTracking().WithoutAudit()
            .OrderBy(m => m.Sequence).ToListAsync(Ct);
        return [.. rows.Select(r => r.MessageType[(r.MessageType.LastIndexOf('.') + 1)..])];
    }

    protected async Task PublishAndWaitAsync(object message, Func<FundingDbContext, Task<bool>> arrived)
    {
        await Funding.PublishAsync(message);
        await WaitUntilAsync(arrived);
    }

    protected Task WaitUntilAsync(Func<FundingDbContext, Task<bool>> arrived) =>
        Eventually.TrueAsync(() => InDbAsync(arrived), "the event's effect in Funding's database", ct: Ct);
}
