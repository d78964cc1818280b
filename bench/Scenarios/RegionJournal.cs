using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.Contracts.Attendance;
using Platform.Contracts.Funding;
using Platform.Contracts.Handover;
using Platform.Contracts.Intake;

namespace Platform.Bench.Scenarios;

/// <summary>
/// Monitoring's journal of a region over two years, made up: the life of each thing the monitor counts (a referral and its
/// case and knooppunten, a thuiszitter case, an absence report, an exemption, a TLV, an arrangement with its placements, a
/// handover) as its events, on days spread over the two years before <c>until</c>, about the demo region's municipalities,
/// schools, locations and SWVs. Rows as the journal consumer writes them (<c>Journal.Strip</c>: no child reference).
/// Seeded: every run loads the same journal.
/// </summary>
internal sealed class RegionJournal(DateOnly until, int seed = 2027)
{
    public sealed record Row(Guid MessageId, string EventType, string Body, DateTimeOffset OccurredAt);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] Municipalities = ["GM0935", "GM0917", "GM0928", "GM1883", "GM0888", "GM0899", "GM0882", "GM0971", "GM0994", "GM0965"];
    private static readonly string[] Schools = ["school-bs-de-linde", "school-bs-het-palet", "school-vo-college-parkstad", "school-sbo-het-kompas", "school-vso-de-berg"];
    private static readonly string[] Locations = ["27DL00", "19HP00", "23DW00", "27HK00", "30CP00", "19DB00"];
    private static readonly string[] Swvs = ["swv-po-maastricht-heuvelland", "swv-po-parkstad", "swv-vo-parkstad", "swv-po-westelijke-mijnstreek"];

    private readonly Random _random = new(seed);
    private readonly DateOnly _from = until.AddYears(-2);

    /// <summary>At least <paramref name="count"/> rows (a thing's life is not cut short), in the order things happened per thing.</summary>
    public IEnumerable<Row> Rows(int count)
    {
        var made = 0;
        while (made < count)
            foreach (var message in Life())
            {
                made++;
                var node = JsonSerializer.SerializeToNode(message, message.GetType(), Json)!.AsObject();
                node.Remove("childReference");
                yield return new Row(Guid.NewGuid(), message.GetType().FullName!, node.ToJsonString(Json), message.OccurredAt);
            }
    }

    private T Pick<T>(IReadOnlyList<T> from) => from[_random.Next(from.Count)];
    private DateOnly Day() => _from.AddDays(_random.Next(until.DayNumber - _from.DayNumber));
    private DateOnly After(DateOnly day, int maxDays) => day.AddDays(_random.Next(1, maxDays)) is var next && next < until ? next : until;
    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(9, 30)), TimeSpan.Zero);

    /// <summary>One thing's events; weights roughly as a region's monitor receives them (bench/README.md).</summary>
    private IEnumerable<IIntegrationEvent> Life()
    {
        var (home, school, location, swv) = (Pick(Municipalities), Pick(Schools), Pick(Locations), Pick(Swvs));
        var day = Day();
        var id = Guid.NewGuid();
        switch (_random.Next(100))
        {
            case < 30:
                yield return new ReferralSubmitted(id, "", school, "school", home, ["onderwijs"], "normal", At(day));
                var opened = After(day, 3);
                yield return new CaseOpened(id, "", home, "gemeente-maastricht", At(day), day.AddDays(42), At(opened), school);
                var held = After(opened, 50);
                yield return new KnooppuntHeld(id, Guid.NewGuid(), home, At(day), held, After(held, 30), "gemeente-maastricht", At(held));
                if (_random.Next(3) == 0) yield return new KnooppuntHeld(id, Guid.NewGuid(), home, At(day), After(held, 90), After(held, 120), "gemeente-maastricht", At(After(held, 90)));
                break;
            case < 55:
                var kind = _random.Next(5) == 0 ? "long-term-sickness" : "unauthorised";
                yield return new AbsenceReported(id, "", home, school, kind, day.AddDays(-_random.Next(1, 20)), At(day), null, _random.Next(8) == 0);
                yield return new AbsenceReportFinished(id, home, kind, "closed", After(day, 60), At(After(day, 90)));
                break;
            case < 67:
                var atHome = day.AddDays(-_random.Next(28, 90));
                yield return new ThuiszitterRegistered(id, "", home, _random.Next(6) == 0 ? "absolute" : "long-term-relative", atHome, day.AddDays(14), day.AddDays(90), At(day), school);
                if (_random.Next(4) == 0) yield return new OnderwijsconsulentEngaged(id, home, atHome, After(day, 60).DayNumber - atHome.DayNumber, At(After(day, 60)));
                if (_random.Next(5) == 0) yield return new ThuiszitterEscalated(id, "", home, atHome, At(After(day, 100)));
                if (_random.Next(5) > 0)
                    yield return new ThuiszitterResolved(id, home, Pick(new[] { "attending-again", "placed-in-arrangement", "offer-started", "exempted" }), atHome, false, At(After(day, 200)));
                break;
            case < 75:
                var ends = new DateOnly(Period(day) + 1, 7, 31);
                yield return new ExemptionGranted(id, "", home, Pick(new[] { "5a", "5b", "5c", "11a", "11b" }), day, ends, At(day), null, _random.Next(5) == 0);
                if (_random.Next(3) == 0) yield return new ExemptionEnded(id, "", home, "5a", After(day, 200), At(After(day, 200)));
                break;
            case < 84:
                var tlvKind = Pick(new[] { "sbo", "so", "vso" });
                yield return new TlvRequested(id, id, "", home, school, location, swv, tlvKind, day.AddDays(42), At(day));
                var decided = After(day, 50);
                var granted = _random.Next(6) > 0;
                yield return new TlvDecided(id, "", home, swv, granted ? "granted" : "refused", tlvKind, "low", granted ? Pick(Locations) : null,
                    granted ? decided : null, granted ? decided.AddYears(1) : null, At(day), At(decided));
                if (granted && _random.Next(3) == 0)
                    yield return new TlvEnded(id, "", swv, Pick(new[] { "terugplaatsing", "expired" }), After(decided, 300), At(After(decided, 300)));
                break;
            case < 90:
                var collective = _random.Next(3) > 0;
                var places = _random.Next(4, 16);
                yield return new ArrangementActivated(id, collective ? "collective" : "individual", location, places, 2_500_000, day, day.AddYears(1), false, At(day));
                for (var p = 0; p < (collective ? _random.Next(1, places) : 1); p++)
                {
                    var placed = After(day, 60);
                    var placement = Guid.NewGuid();
                    yield return new PlacementConfirmed(placement, Guid.NewGuid(), "", id, collective ? "collective" : "individual", placed, At(placed), Pick(Municipalities));
                    if (_random.Next(3) == 0) yield return new PlacementEnded(placement, id, "", "ended", After(placed, 200), At(After(placed, 200)));
                }
                if (_random.Next(4) == 0) yield return new ArrangementEnded(id, "ended", After(day, 300), At(After(day, 300)));
                break;
            default:
                yield return new HandoverCompleted(id, "", "po-vo", school, Pick(Schools), At(day), _random.Next(5) > 0, _random.Next(10) == 0);
                break;
        }
    }

    private static int Period(DateOnly day) => day.Month >= 8 ? day.Year : day.Year - 1;
}
