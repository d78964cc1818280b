using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.ConsentReplica;
using Platform.Funding.Domain;
using Platform.Http.Paging;
using Platform.TestInfrastructure;

namespace Platform.Funding.Tests;

/// <summary>
/// Every list pages: a client that follows 'next' from the first page gets each record once, in the
/// list's order, whatever its filters; a bad limit or cursor is a 400 naming it.
/// </summary>
public sealed class ListPagingTests(TestServersFixture fixture) : FundingTestBase(fixture)
{
    private const string TheSwv = "swv-po-maastricht-heuvelland", DeLinde = "school-bs-de-linde";

    /// <summary>Records made at these minutes; some share a minute, so the id has to break the tie.</summary>
    private static readonly int[] Minutes = [0, 0, 1, 2, 2, 2, 3];

    private static List<Guid> Ids(IEnumerable<JsonElement> items) => [.. items.Select(i => i.GetProperty("id").GetGuid())];

    /// <summary>Follows 'next' to the end: every page but the last is full, and the ids come in <paramref name="expected"/> order.</summary>
    private static async Task AssertWalksAsync(HttpClient client, string firstPage, int limit, IReadOnlyList<Guid> expected)
    {
        var pages = await ListPages.AllAsync(client, firstPage, Ct);
        Assert.Equal(expected, Ids(pages.SelectMany(p => p)));
        Assert.All(pages.SkipLast(1), p => Assert.Equal(limit, p.Count));
        Assert.Equal(Math.Max(1, (expected.Count + limit - 1) / limit), pages.Count);
    }

    /// <summary>Newest first, then the higher id first: the list's order, as the test knows it.</summary>
    private static List<Guid> NewestFirst(IEnumerable<(DateTimeOffset At, Guid Id)> made) =>
        [.. made.OrderByDescending(m => m.At).ThenByDescending(m => m.Id).Select(m => m.Id)];

    private DateTimeOffset At(int minute) => new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero).AddMinutes(minute);

    [Fact]
    public async Task Arrangements_page_newest_first_and_their_filters_page_in_the_query()
    {
        await FundBothAsync();
        var made = new List<(DateTimeOffset At, Guid Id)>();
        foreach (var minute in Minutes)
        {
            Clock.SetUtcNow(At(minute));
            made.Add((At(minute), await DraftAsync()));
        }
        await AssertWalksAsync(AsSwv, "/api/funding/arrangements?limit=3", 3, NewestFirst(made));

        // Three are put to the funders: the municipality awaits them, the SWV (their proposer) still has its drafts.
        var proposed = new[] { made[1], made[3], made[6] };
        foreach (var (_, id) in proposed) await ReadAsync(await PostAsync(AsSwv, id, "proposal"), HttpStatusCode.OK);
        await AssertWalksAsync(AsGemeente, "/api/funding/arrangements?awaiting=true&limit=2", 2, NewestFirst(proposed));
        await AssertWalksAsync(AsSwv, "/api/funding/arrangements?status=draft&limit=2", 2, NewestFirst(made.Except(proposed)));

        // Approved, it no longer awaits the municipality; rejected, it awaits the table instead.
        await ReadAsync(await PostAsync(AsGemeente, made[1].Id, "approval"), HttpStatusCode.OK);
        await ReadAsync(await PostAsync(AsGemeente, made[6].Id, "rejection", new { reason = "Not ours to fund." }), HttpStatusCode.OK);
        await AssertWalksAsync(AsGemeente, "/api/funding/arrangements?awaiting=true&limit=2", 2, [made[3].Id]);
        await AssertWalksAsync(AsTable, "/api/funding/arrangements?awaiting=true&limit=1", 1, [made[6].Id]);
        await AssertWalksAsync(AsGemeente, "/api/funding/arrangements?status=proposed&awaiting=true&limit=1", 1, [made[3].Id]);
    }

    [Fact]
    public async Task Placements_page_in_the_order_the_children_were_placed()
    {
        await FundBothAsync();
        var id = await DraftAsync();
        var made = new List<(DateTimeOffset At, Guid Id)>();
        await InDbAsync(async db =>
        {
            var arrangement = await db.Arrangements.SingleAsync(a => a.Id == id, Ct);
            foreach (var minute in Minutes)
            {
                var placement = Placement.In(arrangement, Guid.NewGuid(), Guid.NewGuid(), $"cr1-{Guid.NewGuid():N}", GemeenteCode, null, At(minute));
                db.Placements.Add(placement);
                made.Add((At(minute), placement.Id));
            }
            return await db.SaveChangesAsync(Ct);
        });
        var oldestFirst = made.OrderBy(m => m.At).ThenBy(m => m.Id).Select(m => m.Id).ToList();
        await AssertWalksAsync(AsSchool, $"/api/funding/arrangements/{id}/placements?limit=2", 2, oldestFirst);
    }

    [Fact]
    public async Task Tlvs_page_newest_first_and_one_the_caller_may_not_see_leaves_a_page_short_but_skips_nothing()
    {
        var made = new List<(DateTimeOffset At, Guid Id, string Child)>();
        await InDbAsync(async db =>
        {
            foreach (var minute in Minutes)
            {
                var child = $"cr1-{Guid.NewGuid():N}";
                var tlv = Tlv.Request(Guid.NewGuid(), child, GemeenteCode, DeLinde, SchoolLocation, TheSwv, TlvKinds.Sbo, null,
                    "Two years behind despite extra support.", "We agree.", 42, At(minute));
                db.Tlvs.Add(tlv);
                made.Add((At(minute), tlv.Id, child));
            }
            return await db.SaveChangesAsync(Ct);
        });
        // The deciding SWV sees all of them, consent or not (its own decision record).
        await AssertWalksAsync(As(TheSwv, "swv"), "/api/funding/tlvs?limit=3", 3, NewestFirst(made.Select(m => (m.At, m.Id))));

        // The school sees only those whose consent covers it for 'tlv'.
        var consented = made.Where((_, i) => i % 3 != 1).ToList();
        await InDbAsync(async db =>
        {
            foreach (var m in consented)
                db.Set<ConsentCopy>().Add(new ConsentCopy
                {
                    ConsentId = Guid.NewGuid(), CaseId = Guid.NewGuid(), ChildReference = m.Child, Organisations = [DeLinde, TheSwv],
                    Purposes = ["tlv"], GrantedAt = At(0),
                });
            return await db.SaveChangesAsync(Ct);
        });
        var pages = await ListPages.AllAsync(As(DeLinde, "school", GemeenteCode), "/api/funding/tlvs?limit=2", Ct);
        Assert.Equal(NewestFirst(consented.Select(m => (m.At, m.Id))), Ids(pages.SelectMany(p => p)));
        // 'next' follows the rows read, not the rows shown: seven rows, two a page.
        Assert.Equal(4, pages.Count);
    }

    [Fact]
    public async Task Budgets_page_by_year_and_line()
    {
        foreach (var year in new[] { 2028, 2026, 2027 })
        {
            await SetBudgetAsync(AsSwv, "education-support", 1_000, year);
            await SetBudgetAsync(AsSwv, "basic-support", 1_000, year);
        }
        var pages = await ListPages.AllAsync(AsSwv, "/api/funding/budgets?limit=4", Ct);
        Assert.Equal([4, 2], pages.Select(p => p.Count));
        Assert.Equal(
            ["2026 basic-support", "2026 education-support", "2027 basic-support", "2027 education-support", "2028 basic-support", "2028 education-support"],
            pages.SelectMany(p => p).Select(b => $"{b.GetProperty("year").GetInt32()} {b.GetProperty("line").GetString()}"));
        var ofOneYear = await ListPages.AllAsync(AsSwv, "/api/funding/budgets?year=2027&limit=1", Ct);
        Assert.Equal(["basic-support", "education-support"], ofOneYear.SelectMany(p => p).Select(b => b.GetProperty("line").GetString()));
    }

    [Fact]
    public async Task A_limit_outside_1_to_200_or_a_cursor_the_list_did_not_give_out_is_400_naming_it()
    {
        await FundBothAsync();
        var id = await DraftAsync();
        var budgetCursor = Cursor.Encode("2026", "basic-support");
        var timeCursor = Cursor.Encode(Cursor.Key(At(0)), Cursor.Key(Guid.NewGuid()));
        foreach (var list in new[] { "/api/funding/budgets", "/api/funding/arrangements", $"/api/funding/arrangements/{id}/placements", "/api/funding/tlvs" })
        {
            Assert.Equal(["limit"], await ListPages.RefusedFieldsAsync(AsSwv, $"{list}?limit=0", Ct));
            Assert.Equal(["limit"], await ListPages.RefusedFieldsAsync(AsSwv, $"{list}?limit=201", Ct));
            Assert.Equal(["cursor"], await ListPages.RefusedFieldsAsync(AsSwv, $"{list}?cursor=not-a-cursor", Ct));
            Assert.Equal(["cursor"], await ListPages.RefusedFieldsAsync(AsSwv, $"{list}?cursor={(list.EndsWith("budgets", StringComparison.Ordinal) ? timeCursor : budgetCursor)}", Ct));
            await ListPages.AllAsync(AsSwv, $"{list}?limit=200", Ct);
        }
    }
}
