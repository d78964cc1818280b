using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Contracts.Attendance;
using Platform.Contracts.Funding;
using Platform.Contracts.Handover;
using Platform.Contracts.Intake;
using Platform.Jobs;
using Platform.Monitoring.Baselines;
using Platform.Monitoring.Domain;
using Platform.Monitoring.Figures;
using Platform.Monitoring.Infrastructure;
using Platform.Monitoring.IntegrationEvents;
using Platform.Monitoring.Projection;
using Platform.Monitoring.Tests.Apis;
using Platform.TestInfrastructure;

namespace Platform.Monitoring.Tests.Figures;

/// <summary>
/// The cached figures (ADR-0020) are exactly what a computation from the read model gives at that moment: on random sequences of
/// events about the same children, cases, arrangements and TLVs, arriving late and out of order, every cell of every ended period
/// asked for, its true value and what is published, compared after every few events. Issue #27.
/// </summary>
public sealed class FiguresCacheTests(TestServersFixture fixture) : MonitoringTestBase(fixture)
{
    private static readonly string[] Municipalities = ["GM0935", "GM0917", "GM0928", "GM1883", "GM0888", "GM0363"];
    private static readonly string[] Schools = ["school-bs-de-linde", "school-bs-het-palet", "school-vo-college-parkstad", "school-sbo-het-kompas", "school-vso-de-berg"];
    private static readonly string[] Locations = ["27DL00", "19HP00", "23DW00", "27HK00", "30CP00", "19DB00"];
    private static readonly string[] Swvs = ["swv-po-maastricht-heuvelland", "swv-po-parkstad", "swv-vo-parkstad", "swv-po-westelijke-mijnstreek"];
    private static readonly Period[] Asked =
        [.. Enumerable.Range(1, 12).Select(m => Period.Month(2026, m)), Period.SchoolYear(2025)];

    /// <summary>A large pool of things: many steps leave ended periods alone (the cache answers); a small one: many events about one thing.</summary>
    [Theory]
    [InlineData(27, 150)]
    [InlineData(2027, 150)]
    [InlineData(7, 25)]
    public async Task Cached_figures_equal_a_full_recomputation_after_every_step_of_random_late_and_out_of_order_events(int seed, int things)
    {
        var random = new Random(seed);
        var events = new RandomRegion(random, things).Events(400);
        var cache = Monitoring.Services.GetRequiredService<FiguresCache>();
        var (hitsBefore, computedBefore) = cache.Counts;
        var compared = 0;
        for (var next = 0; next < events.Count;)
        {
            var step = events.Skip(next).Take(random.Next(1, 5)).ToList();
            next += step.Count;
            await RecordAsync(step);
            // A few periods each time, the page's thirteen now and then: each asked-for set is cached as a whole.
            IReadOnlyList<Period> periods = random.Next(4) == 0 ? Asked : [.. Asked.OrderBy(_ => random.Next()).Take(random.Next(1, 4))];
            await using var scope = Monitoring.Services.CreateAsyncScope();
            var source = scope.ServiceProvider.GetRequiredService<FiguresSource>();
            var (_, cached) = await source.ComputeAsync(periods, Ct);
            var (_, now) = await source.ComputeNowAsync(periods, Ct);
            for (var i = 0; i < periods.Count; i++)
            {
                Assert.Equal(Cells(now[i]), Cells(cached[i]));
                compared++;
            }
        }
        // The rebuild projects the same journal into memory and copies it in (InMemoryReadModel): the same read model as the
        // consumers' upserts, so the same figures.
        await using (var scope = Monitoring.Services.CreateAsyncScope())
        {
            var source = scope.ServiceProvider.GetRequiredService<FiguresSource>();
            var (_, live) = await source.ComputeNowAsync(Asked, Ct);
            await scope.ServiceProvider.GetRequiredService<ReadModelRebuild>().RunAsync(Ct);
            var (_, rebuilt) = await source.ComputeNowAsync(Asked, Ct);
            for (var i = 0; i < Asked.Length; i++) Assert.Equal(Cells(live[i]), Cells(rebuilt[i]));
        }
        var (hits, computed) = cache.Counts;
        // Both ways were taken, or the comparison proved nothing: answers from the cache, and computations after changes.
        Assert.True(hits - hitsBefore > (things > 50 ? 10 : 0), $"{hits - hitsBefore} answers from the cache of {compared} compared");
        Assert.True(computed - computedBefore > 5, $"{computed - computedBefore} computations");
    }

    [Fact]
    public async Task A_rebuild_and_a_new_directory_version_are_changes_the_cache_sees()
    {
        await RecordAsync(new RandomRegion(new Random(5)).Events(60));
        var march = Period.Month(2026, 3);
        await using var scope = Monitoring.Services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetRequiredService<FiguresSource>();
        var cache = Monitoring.Services.GetRequiredService<FiguresCache>();
        await source.ComputeAsync(march, Ct);
        var (hits, computed) = cache.Counts;
        await source.ComputeAsync(march, Ct);
        Assert.Equal((hits + 1, computed), cache.Counts);

        await scope.ServiceProvider.GetRequiredService<ReadModelRebuild>().RunAsync(Ct);
        await source.ComputeAsync(march, Ct);
        Assert.Equal((hits + 1, computed + 1), cache.Counts);

        var db = scope.ServiceProvider.GetRequiredService<MonitoringDbContext>();
        await db.Database.ExecuteSqlRawAsync("UPDATE directory.replica_state SET version = version + 1", Ct);
        await source.ComputeAsync(march, Ct);
        Assert.Equal((hits + 1, computed + 2), cache.Counts);
    }

    [Fact]
    public async Task A_change_to_a_later_period_leaves_an_earlier_period_cached()
    {
        var march = Period.Month(2026, 3);
        await using var scope = Monitoring.Services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetRequiredService<FiguresSource>();
        var cache = Monitoring.Services.GetRequiredService<FiguresCache>();
        await source.ComputeAsync(march, Ct);
        var (hits, computed) = cache.Counts;
        // A case closed in December: March's stock (open on 31 March) is the same, so March holds.
        var id = Guid.NewGuid();
        await RecordAsync([
            new ThuiszitterRegistered(id, "cr", "GM0935", "relative", new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 1), At(2026, 2, 3)),
        ]);
        await source.ComputeAsync(march, Ct);
        Assert.Equal((hits, computed + 1), cache.Counts);
        await RecordAsync([new ThuiszitterResolved(id, "GM0935", "attending-again", new DateOnly(2026, 2, 1), false, At(2026, 12, 2))]);
        await source.ComputeAsync(march, Ct);
        Assert.Equal((hits + 1, computed + 1), cache.Counts);
    }

    [Fact]
    public async Task A_change_that_moves_a_subject_changes_the_periods_of_everything_counted_with_it()
    {
        // A collective placement in March, for a child from Heerlen (Parkstad); its arrangement's location not known yet.
        var (arrangement, placement) = (Guid.NewGuid(), Guid.NewGuid());
        await RecordAsync([new PlacementConfirmed(placement, Guid.NewGuid(), "cr", arrangement, "collective", new DateOnly(2026, 3, 9), At(2026, 3, 6), "GM0917")]);
        var march = Period.Month(2026, 3);
        await using var scope = Monitoring.Services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetRequiredService<FiguresSource>();
        await source.ComputeAsync(march, Ct);
        // Activated in December, in Maastricht: March's placement was outside the child's sub-region after all, though every date
        // of the arrangement is December's (the change reaches March through its child, SqlReadModel.FamilyOf).
        await RecordAsync([new ArrangementActivated(arrangement, "collective", "27DL00", 8, 1_000_000, new DateOnly(2026, 12, 1), new DateOnly(2027, 7, 31),
            false, At(2026, 12, 1))]);
        var (_, cached) = await source.ComputeAsync(march, Ct);
        var (_, now) = await source.ComputeNowAsync([march], Ct);
        Assert.Equal(Cells(now[0]), Cells(cached));
        Assert.Contains(Cells(cached), c => c.StartsWith("schooled-outside-sub-region region:region: 1 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_through_the_broker_about_an_ended_period_is_a_change_the_cache_sees()
    {
        var march = Period.Month(2026, 3);
        await using var scope = Monitoring.Services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetRequiredService<FiguresSource>();
        var cache = Monitoring.Services.GetRequiredService<FiguresCache>();
        await source.ComputeAsync(march, Ct);
        var (hits, computed) = cache.Counts;
        // Consumed as in production: the journal consumers' batch (InboxBatch), which records the transaction's figure change.
        await PublishAsync(new ThuiszitterRegistered(Guid.NewGuid(), "cr", "GM0935", "long-term-relative", new DateOnly(2026, 2, 2),
            new DateOnly(2026, 3, 2), new DateOnly(2026, 5, 2), At(2026, 3, 4)));
        await WaitForJournalAsync();
        var (_, cached) = await source.ComputeAsync([march], Ct);
        var (_, now) = await source.ComputeNowAsync([march], Ct);
        Assert.Equal((hits, computed + 1), cache.Counts);
        Assert.Equal(Cells(now[0]), Cells(cached[0]));
    }

    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 10, 0, 0, TimeSpan.Zero);

    /// <summary>As the journal consumers' batch records events: a step's events in one transaction, one figure change for it.</summary>
    private async Task RecordAsync(IReadOnlyList<IIntegrationEvent> step)
    {
        await using var scope = Monitoring.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDbContext>();
        await db.InTransactionAsync(async token =>
        {
            foreach (var message in step) await JournalConsumer.RecordAsync(db, Guid.NewGuid(), message, Clock.GetUtcNow(), token);
            await db.CompleteBatchAsync(token);
            return 0;
        }, Ct);
    }

    /// <summary>Every cell of a period: its true value and what is published, by indicator, breakdown and area.</summary>
    private static List<string> Cells(PeriodFigures figures) =>
        [.. BaselineFigures.Rows(figures).SelectMany(r => r.Figures.Cells().Select(c => $"{r.Id} {c.Area}: {c.Cell.Value} / {c.Cell.Shown}"))];

    /// <summary>
    /// Events of a region over 2025-09 to 2027-01 about a pool of things, so that events about one thing come in any order and
    /// often long after the period they are about.
    /// </summary>
    private sealed class RandomRegion(Random random, int things = 150)
    {
        private readonly Guid[] _things = [.. Enumerable.Range(0, things).Select(_ => Guid.NewGuid())];
        private readonly Guid[] _arrangements = [.. Enumerable.Range(0, 6).Select(_ => Guid.NewGuid())];

        private T Pick<T>(IReadOnlyList<T> from) => from[random.Next(from.Count)];
        private Guid Thing => Pick(_things);
        /// <summary>Mostly of the last six weeks, as a region's events are; one in four about any day since September 2025 (late).</summary>
        private DateOnly Day => random.Next(4) == 0 ? new DateOnly(2025, 9, 1).AddDays(random.Next(500)) : new DateOnly(2026, 12, 1).AddDays(random.Next(45));
        private DateTimeOffset Moment => new DateTimeOffset(Day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);

        public List<IIntegrationEvent> Events(int count) => [.. Enumerable.Range(0, count).Select(_ => Event())];

        private IIntegrationEvent Event()
        {
            var (home, school, location, swv) = (Pick(Municipalities), Pick(Schools), Pick(Locations), Pick(Swvs));
            var (day, later) = (Day, Day);
            if (later < day) (day, later) = (later, day);
            var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
            return random.Next(20) switch
            {
                0 => new ReferralSubmitted(Thing, "cr", school, "school", home, ["onderwijs"], "normal", at),
                1 => new CaseOpened(Thing, "cr", home, "gemeente-maastricht", at, day.AddDays(42), at, school),
                2 => new KnooppuntHeld(Thing, Guid.NewGuid(), home, at, later, later.AddDays(random.Next(30)), "gemeente-maastricht", Moment),
                3 => new ThuiszitterRegistered(Thing, "cr", home, Pick(new[] { "relative", "absolute" }), day.AddDays(-random.Next(60)), later, later, at,
                    random.Next(3) == 0 ? null : school),
                4 => new ThuiszitterResolved(Thing, home, Pick(new[] { "attending-again", "placed-in-arrangement", "exempted", "moved-away" }), day, false,
                    new DateTimeOffset(later.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero)),
                5 => new ExemptionGranted(Thing, "cr", home, Pick(new[] { "5a", "5b", "5c", "11" }), day, later, Moment, null, random.Next(2) == 0),
                6 => new ExemptionEnded(Thing, "cr", home, "5a", later, Moment),
                7 => new PlacementConfirmed(Thing, Thing, "cr", Pick(_arrangements), Pick(new[] { "collective", "individual" }), day, at,
                    random.Next(4) == 0 ? null : home),
                8 => new PlacementEnded(Thing, Pick(_arrangements), "cr", "ended", later, Moment),
                9 => new ArrangementActivated(Pick(_arrangements), Pick(new[] { "collective", "individual" }), location, random.Next(1, 12), 1_000_000,
                    day, later, false, Moment),
                10 => new ArrangementEnded(Pick(_arrangements), "ended", later, Moment),
                11 => new TlvRequested(Thing, Thing, "cr", home, school, location, swv, Pick(new[] { "sbo", "so", "vso" }), later, at),
                12 => new TlvDecided(Thing, "cr", home, swv, Pick(new[] { "granted", "refused" }), Pick(new[] { "sbo", "so", "vso" }), "low",
                    random.Next(3) == 0 ? null : location, day, later, at, Moment),
                13 => new TlvEnded(Thing, "cr", swv, Pick(new[] { "terugplaatsing", "expired", "moved" }), later, Moment),
                14 => new TlvRenewalChosen(Thing, "cr", swv, Pick(new[] { "extend", "terugplaatsing" }), null, later, swv, Moment),
                15 => new AbsenceReported(Thing, "cr", home, school, Pick(new[] { "long-term-sickness", "unauthorised" }), day, at, null, random.Next(3) == 0),
                16 => new AbsenceReportFinished(Thing, home, "long-term-sickness", "closed", later, Moment),
                17 => new HandoverCompleted(Thing, "cr", "po-vo", school, Pick(Schools), Moment, random.Next(3) > 0, random.Next(4) == 0),
                18 => new IndividualArrangementProposed(Pick(_arrangements), Thing, "cr", home, at),
                _ => new ThuiszitterEscalated(Thing, "cr", home, day, Moment),
            };
        }
    }
}
