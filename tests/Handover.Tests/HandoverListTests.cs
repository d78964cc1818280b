using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Platform.Handover.Domain;
using Platform.Handover.Infrastructure;
using Platform.Http.Paging;
using Platform.Privacy;
using Platform.TestInfrastructure;

namespace Platform.Handover.Tests;

/// <summary>
/// The list of handovers pages newest first: following 'next' gives each handover the caller takes
/// part in once, and nobody else's; a bad limit or cursor is a 400 naming it.
/// </summary>
public sealed class HandoverListTests(TestServersFixture fixture) : ServiceTestBase<Program, HandoverDbContext>(fixture)
{
    private const string Sender = "school-bs-de-linde", Receiver = "school-vo-college-parkstad";
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);

    protected override ServiceSetup Setup => new() { Clock = _clock };

    private HttpClient AsSchool(string organisation) => As(organisation, "school");

    /// <summary>Handovers started at these minutes (some share one, so the id breaks the tie), straight into the database.</summary>
    private async Task<List<(DateTimeOffset At, Guid Id)>> StartedAsync(string sender, params int[] minutes)
    {
        Bsn.TryParse("111222333", out var bsn);
        var made = new List<(DateTimeOffset, Guid)>();
        await InDbAsync(async db =>
        {
            foreach (var minute in minutes)
            {
                var at = Start.AddMinutes(minute);
                var handover = HandoverProcess.Start(new ChildDetails(bsn, "Fenna", "Coenen", new DateOnly(2014, 8, 8)), $"cr1-{Guid.NewGuid():N}",
                    "primary-to-secondary", sender, Receiver, DateOnly.FromDateTime(at.UtcDateTime).AddDays(30), new Dossier(), [], at);
                db.Handovers.Add(handover);
                made.Add((at, handover.Id));
            }
            return await db.SaveChangesAsync(Ct);
        });
        return made;
    }

    private static List<Guid> Ids(IEnumerable<JsonElement> items) => [.. items.Select(i => i.GetProperty("id").GetGuid())];

    [Fact]
    public async Task Following_next_gives_every_handover_once_newest_first()
    {
        var made = await StartedAsync(Sender, 0, 0, 1, 2, 2, 2, 3);
        await StartedAsync("school-bs-het-palet", 1, 2);
        var newestFirst = made.OrderByDescending(m => m.At).ThenByDescending(m => m.Id).Select(m => m.Id).ToList();

        var pages = await ListPages.AllAsync(AsSchool(Sender), "/api/handover/handovers?limit=3", Ct);
        Assert.Equal([3, 3, 1], pages.Select(p => p.Count));
        Assert.Equal(newestFirst, Ids(pages.SelectMany(p => p)));
        // The receiver sees both senders' handovers to it.
        Assert.Equal(9, (await ListPages.AllAsync(AsSchool(Receiver), "/api/handover/handovers?limit=2", Ct)).Sum(p => p.Count));
        Assert.Equal(newestFirst.Take(PageRequest.DefaultLimit), Ids(await ListPages.FirstAsync(AsSchool(Sender), "/api/handover/handovers", Ct)));
    }

    [Fact]
    public async Task A_limit_outside_1_to_200_or_a_cursor_the_list_did_not_give_out_is_400_naming_it()
    {
        const string list = "/api/handover/handovers";
        Assert.Equal(["limit"], await ListPages.RefusedFieldsAsync(AsSchool(Sender), $"{list}?limit=0", Ct));
        Assert.Equal(["limit"], await ListPages.RefusedFieldsAsync(AsSchool(Sender), $"{list}?limit=201", Ct));
        Assert.Equal(["cursor"], await ListPages.RefusedFieldsAsync(AsSchool(Sender), $"{list}?cursor=not-a-cursor", Ct));
        Assert.Equal(["cursor"], await ListPages.RefusedFieldsAsync(AsSchool(Sender), $"{list}?cursor={Cursor.Encode("2026", "basic-support")}", Ct));
        Assert.Single(await ListPages.AllAsync(AsSchool(Sender), $"{list}?limit=200", Ct));
    }
}
