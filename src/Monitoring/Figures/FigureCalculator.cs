using Platform.Contracts;
using Platform.Monitoring.Domain;
using Platform.Monitoring.Projection;

namespace Platform.Monitoring.Figures;

/// <summary>
/// Makes every indicator of one period from the read model (subjects and facts) and the region's
/// map: what each indicator counts is in <see cref="Items"/>; how counts, sums, medians and shares
/// become published figures, small cells hidden, is in <see cref="AreaAggregation"/>.
/// </summary>
public sealed partial class FigureCalculator(RegionMap map, IReadOnlyDictionary<string, Subject> subjects, IReadOnlyList<Fact> facts, CellKeyPerturbation perturbation)
{
    /// <summary>
    /// One thing counted: who it is (<see cref="Key"/>, a fact's key or a subject's id: the contributor whose
    /// record key goes into its cells' keys, <see cref="CellKeyPerturbation"/>), where it belongs, its breakdown
    /// and its value (1 for a count).
    /// </summary>
    internal sealed record Item(string Key, string? Municipality, string? Swv, string? Dimension, double Value = 1);

    public PeriodFigures Compute(Period period, DateOnly today)
    {
        var referenceDate = period.ReferenceDate(today);
        var aggregation = new AreaAggregation(map, perturbation);
        var figures = new Dictionary<string, IndicatorFigures>();
        foreach (var definition in IndicatorCatalog.All)
        {
            figures[definition.Id] = definition.Kind switch
            {
                IndicatorKind.Median => aggregation.Median(definition, Items(definition.Id, period, referenceDate), MedianRounding(definition.Id)),
                IndicatorKind.Percentage => Share(aggregation, definition, period, referenceDate, figures),
                IndicatorKind.Sum => aggregation.Sum(definition, Items(definition.Id, period, referenceDate)),
                _ => aggregation.Count(definition, Items(definition.Id, period, referenceDate)),
            };
        }
        return new PeriodFigures(period, referenceDate, [.. figures.Values]);
    }

    /// <summary>
    /// A share, and with a breakdown its parts: each part the share of the numerator's items of that part over the whole
    /// denominator (SBO pupils over all pupils), guarded by the part's count (<see cref="PartGuards"/>).
    /// </summary>
    private IndicatorFigures Share(AreaAggregation aggregation, IndicatorDefinition definition, Period period, DateOnly day,
        IReadOnlyDictionary<string, IndicatorFigures> computed)
    {
        var numerator = Items(definition.Id + ":numerator", period, day).ToList();
        var denominator = Items(definition.Id + ":denominator", period, day).ToList();
        var total = aggregation.Percentage(definition, numerator, denominator, ComplementIsChildren(definition.Id), Guards(definition.Id, computed));
        if (definition.Dimension is null) return total;
        var parts = numerator.Select(i => i.Dimension ?? "unspecified").Distinct().Order(StringComparer.Ordinal).ToDictionary(d => d, d =>
            aggregation.Percentage(definition, numerator.Where(i => (i.Dimension ?? "unspecified") == d), denominator, ComplementIsChildren(definition.Id),
                PartGuards(definition.Id, d, computed)).Total);
        return new IndicatorFigures(definition, total.Total, parts);
    }

    /// <summary>A part of a share is hidden wherever the part's count is: SBO participation × the (public) pupils would give SBO's count back.</summary>
    private static IReadOnlyList<AreaFigures>? PartGuards(string id, string part, IReadOnlyDictionary<string, IndicatorFigures> computed) => id switch
    {
        "special-education-participation" => computed["special-education-pupils"].ByDimension.TryGetValue(part, out var count) ? [count] : null,
        _ => null,
    };

    /// <summary>
    /// The published counts a share could be multiplied back into: where one of them is hidden, so is
    /// the share (on-time × completed would otherwise reveal a hidden on-time count).
    /// </summary>
    private static IReadOnlyList<AreaFigures>? Guards(string id, IReadOnlyDictionary<string, IndicatorFigures> computed) => id switch
    {
        "handovers-on-time-rate" => [.. computed["handovers-completed"].ByDimension.Values],
        // Participation × the pupil count (DUO's, public) is the special-education pupils count: hidden where that count is.
        "special-education-participation" => [computed["special-education-pupils"].Total],
        _ => null,
    };

    /// <summary>
    /// Medians published rounded (docs/monitoring.md, "Medians"): the days from the first day at home to the actual start, in whole
    /// weeks, so that one late case rarely shows on which side of the median it lies.
    /// </summary>
    private static int MedianRounding(string id) => id == "thuiszitters-days-to-start" ? 7 : 0;

    /// <summary>
    /// The resolutions in which the child actually started education (RULES.md §2: "resolved only when the child has started"): back
    /// at school, started in a placement or on an officer's offer (both on the start date), received after a warm handover. Not
    /// exempted or moved away: no start.
    /// </summary>
    private static readonly HashSet<string> StartReasons = ["attending-again", "placed-in-arrangement", "offer-started", "handover-completed"];

    private Subject? Find(string id) => subjects.GetValueOrDefault(id);

    /// <summary>The school type of a thuiszitter case's child: of the reporting school, or not enrolled (no school: absolute verzuim).</summary>
    private string SchoolTypeOf(Subject thuiszitter) => thuiszitter.SchoolOrganisationId is { } school ? map.SchoolTypeOf(school)
        : thuiszitter.Dimension == "absolute" ? SchoolTypes.NotEnrolled : SchoolTypes.Unknown;

    private Item ItemOf(Subject subject, string? dimension = null, double value = 1, string? key = null) =>
        new(key ?? subject.Id, map.MunicipalityOf(subject, Find), map.SwvOf(subject, Find), dimension, value);

    /// <summary>Facts of one indicator in the period, each placed by its subject.</summary>
    private IEnumerable<Item> FactsIn(string indicator, Period period, Func<Fact, double>? value = null) =>
        FactsOf(indicator).Where(f => period.Contains(f.OccurredOn))
            .Select(f => Find(f.Subject) is { } s ? ItemOf(s, f.Dimension, value?.Invoke(f) ?? 1, f.Key) : new Item(f.Key, null, null, f.Dimension, value?.Invoke(f) ?? 1));

    /// <summary>
    /// Subjects by kind and facts by indicator, indexed once: each of the sixty indicators reads only its own, so a period costs
    /// one pass over the read model rather than one per indicator (bench/README.md, step 7).
    /// </summary>
    private readonly ILookup<string, Subject> _subjectsByKind = subjects.Values.ToLookup(s => s.Kind);
    private readonly ILookup<string, Fact> _factsByIndicator = facts.ToLookup(f => f.Indicator);

    private IEnumerable<Subject> SubjectsOf(string kind) => _subjectsByKind[kind];
    private IEnumerable<Fact> FactsOf(string indicator) => _factsByIndicator[indicator];

    private bool RunningOn(Subject arrangement, DateOnly day) => arrangement.ActivatedOn is { } activated && activated <= day && arrangement.IsOpenOn(day);

    /// <summary>Shares whose complement is a count of children too (late handovers): a small complement hides the share.</summary>
    private static bool ComplementIsChildren(string id) => id == "handovers-on-time-rate";

    private IEnumerable<Item> Items(string id, Period period, DateOnly day) => id switch
    {
        "thuiszitters-open" => SubjectsOf(SubjectKinds.Thuiszitter).Where(s => s.IsOpenOn(day)).Select(s => ItemOf(s, s.Dimension)),
        "thuiszitters-over-3-months" => SubjectsOf(SubjectKinds.Thuiszitter)
            .Where(s => s.IsOpenOn(day) && s.AnchorOn is { } home && home.AddMonths(3) < day).Select(s => ItemOf(s)),
        "thuiszitters-new" or "thuiszitters-resolved" or "thuiszitters-escalated" or "exemptions-granted" or "referrals-received"
            or "knooppunt-held" or "knooppunt-overdue" or "funding-escalations" or "funding-escalations-decided"
            or "handovers-completed" or "terugplaatsingen" or "individual-decisions-replaced" or "individual-arrangements"
            => FactsIn(id, period),
        "thuiszitters-median-days" => FactsIn("thuiszitters-resolved", period, f => f.Value ?? 0),
        "exemptions-active" => SubjectsOf(SubjectKinds.Exemption).Where(s => s.IsOpenOn(day)).Select(s => ItemOf(s, s.Dimension)),
        "exemptions-granted-by-term" => FactsOf("exemptions-granted").Where(f => period.Contains(f.OccurredOn))
            .Select(f => Find(f.Subject) is { } s ? ItemOf(s, s.Variant, key: f.Key) : new Item(f.Key, null, null, null)),
        "exemptions-active-by-term" => SubjectsOf(SubjectKinds.Exemption).Where(s => s.IsOpenOn(day)).Select(s => ItemOf(s, s.Variant)),
        "thuiszitters-by-school-type" => SubjectsOf(SubjectKinds.Thuiszitter).Where(s => s.IsOpenOn(day)).Select(s => ItemOf(s, SchoolTypeOf(s))),
        "thuiszitters-days-to-start" => FactsIn("thuiszitters-resolved", period, f => f.Value ?? 0).Where(i => i.Dimension is { } reason && StartReasons.Contains(reason)),
        "grey-zone-open" => SubjectsOf(SubjectKinds.AbsenceReport).Where(s => s.Dimension == AbsenceKinds.LongTermSickness && s.IsOpenOn(day)).Select(s => ItemOf(s)),
        "late-absence-reports" or "onderwijsconsulent-engaged" => FactsIn(id, period).Select(i => i with { Dimension = null }),
        "days-to-knooppunt" => FactsIn(FactKinds.FirstKnooppuntDays, period, f => f.Value ?? 0),
        "days-to-first-step" => FactsIn(FactKinds.FirstStepDays, period, f => f.Value ?? 0),
        "collective-arrangements-active" => CollectiveRunning(day).Select(s => ItemOf(s)),
        "collective-places" => CollectiveRunning(day).Select(s => ItemOf(s, value: s.Places ?? 0)),
        "collective-occupancy:numerator" => SubjectsOf(SubjectKinds.Placement)
            .Where(p => p.Dimension == "collective" && p.IsOpenOn(day) && p.Parent is { } a && Find(a) is { } arrangement && RunningOn(arrangement, day))
            .Select(p => ItemOf(Find(p.Parent!)!, key: p.Id)),
        "collective-occupancy:denominator" => CollectiveRunning(day).Select(s => ItemOf(s, value: s.Places ?? 0)),
        "funding-escalation-median-days" => FactsIn("funding-escalations-decided", period, f => f.Value ?? 0),
        "handovers-on-time-rate:numerator" => FactsIn("handovers-completed", period).Where(i => i.Dimension == "on-time"),
        "handovers-on-time-rate:denominator" => FactsIn("handovers-completed", period),
        "special-education-participation:numerator" => SpecialEducationPupils(day),
        "special-education-participation:denominator" => map.PupilsIn(CountOf(day).SchoolYear)
            .Where(p => LocationKinds.IsSchool(p.Location.Kind)).Select(p => new Item($"pupils:{p.Location.Id}", p.Location.Municipality, p.Location.Swv, null, p.Pupils)),
        "tlv-requests" or "tlv-decisions" or "tlv-decisions-overdue" => FactsIn(id, period),
        "tlv-decision-median-days" => FactsIn("tlv-decisions", period, f => f.Value ?? 0),
        "schooled-outside-sub-region" => OutsideTheirSubRegion(period),
        "schooled-outside-sub-region-open" => OutsideTheirSubRegionOn(day),
        "special-education-pupils" => SpecialEducationPupils(day),
        "special-education-by-residence" => SubjectsOf(SubjectKinds.Admission).Where(a => a.IsOpenOn(day)).Select(ByResidence),
        // Issue #24 (RULES.md §4, §7): flows of facts, each placed by its subject (the school's municipality and SWV; a TLV's request).
        "zorgplicht-applications" or "zorgplicht-decisions" or "zorgplicht-terms-extended" or "zorgplicht-terms-exceeded"
            or "zorgplicht-temporary-placements" or "opp-established" or "opp-evaluated" or "opp-overdue" or "tlv-objections"
            or "tlv-objections-decided" or "disputes-filed" or "disputes-concluded" or "dispute-terms-passed" or "school-advice-raised"
            => FactsIn(id, period),
        "tlv-expired-without-renewal" => ExpiredWithoutRenewal(period),
        _ => throw new InvalidOperationException($"No items defined for indicator '{id}'."),
    };

    /// <summary>
    /// The pupil count a day is measured against: DUO counts on 1 October, so from 1 October on, the
    /// school year's own count; before it, the previous school year's.
    /// </summary>
    private static (string SchoolYear, DateOnly CountDate) CountOf(DateOnly day)
    {
        var year = Period.SchoolYearOf(day);
        var countDate = new DateOnly(year.From.Year, 10, 1);
        return day >= countDate ? (year.Id, countDate) : (Period.SchoolYear(year.From.Year - 1).Id, countDate.AddYears(-1));
    }

    /// <summary>
    /// Children in special education on the day: the special schools' pupils on the count date, plus
    /// the TLV admissions that started since and still run, minus the terugplaatsingen since of children
    /// who were admitted by the count date (and so are in the count). Admissions and returns count where
    /// the child was in the pupil count: the requesting school's location, and its SWV.
    /// </summary>
    private IEnumerable<Item> SpecialEducationPupils(DateOnly day)
    {
        var (schoolYear, countDate) = CountOf(day);
        // By type (sbo, so, vso): the special school's kind, the TLV's kind for admissions and returns.
        foreach (var (location, pupils) in map.PupilsIn(schoolYear).Where(p => LocationKinds.IsSpecialEducation(p.Location.Kind)))
            yield return new Item($"pupils:{location.Id}:{schoolYear}", location.Municipality, location.Swv, location.Kind, pupils);
        foreach (var admission in SubjectsOf(SubjectKinds.Admission).Where(a => a.StartsOn > countDate && a.IsOpenOn(day)))
            yield return WhereCounted(admission.Id, admission, 1);
        foreach (var back in FactsOf(FactKinds.TlvTerugplaatsing).Where(f => f.OccurredOn > countDate && f.OccurredOn <= day))
            if (Find(back.Subject) is { StartsOn: { } started } admission && started <= countDate)
                yield return WhereCounted(back.Key, admission, -1);
    }

    /// <summary>
    /// TLVs expiring without a decision (issue #24, RULES.md §4: before expiry an extension or a planned terugplaatsing): a granted TLV
    /// that ended because its validity ran out (TlvEnded, reason expired), by its last valid day, for which no renewal choice was ever
    /// recorded (Funding takes a choice only while the TLV runs). Counted as the other TLV figures: the request's home municipality,
    /// the deciding SWV.
    /// </summary>
    private IEnumerable<Item> ExpiredWithoutRenewal(Period period) =>
        FactsOf(FactKinds.TlvExpired).Where(f => period.Contains(f.OccurredOn))
            .Where(f => !subjects.ContainsKey(SubjectKinds.TlvRenewal + f.Subject[SubjectKinds.Admission.Length..]))
            .Select(f => Find(f.Subject) is { } admission ? ByResidence(admission) with { Key = f.Key, Dimension = null } : new Item(f.Key, null, null, null));

    /// <summary>A running TLV admission where the child lives (the request's home municipality), and the deciding SWV.</summary>
    private Item ByResidence(Subject admission)
    {
        var request = Find(admission.Parent ?? "");
        return new Item(admission.Id, request?.HomeMunicipality, admission.Swv ?? request?.Swv, admission.Dimension);
    }

    private Item WhereCounted(string key, Subject admission, double value)
    {
        var request = Find(admission.Parent ?? "");
        return new Item(key, map.Location(request?.LocationId)?.Municipality ?? request?.HomeMunicipality, admission.Swv ?? request?.Swv, admission.Dimension, value);
    }

    /// <summary>
    /// Children schooled outside their sub-region on the day: a TLV admission running then at a named receiving school in another
    /// sub-region than the child's home, or a collective placement open then in a running arrangement located in another one.
    /// </summary>
    private IEnumerable<Item> OutsideTheirSubRegionOn(DateOnly day)
    {
        foreach (var admission in SubjectsOf(SubjectKinds.Admission).Where(a => a.IsOpenOn(day)))
            if (Find(admission.Parent ?? "") is { } request && Outside(request.HomeMunicipality, map.Location(admission.LocationId)?.Municipality))
                yield return new Item(admission.Id, request.HomeMunicipality, admission.Swv ?? request.Swv, "tlv");
        foreach (var placement in SubjectsOf(SubjectKinds.Placement).Where(p => p.Dimension == "collective" && p.IsOpenOn(day)))
            if (Find(placement.Parent ?? "") is { } arrangement && RunningOn(arrangement, day)
                && Outside(placement.HomeMunicipality, map.Location(arrangement.LocationId)?.Municipality))
                yield return ItemOf(placement, "arrangement");
    }

    /// <summary>Admitted to a special school, or placed in a collective arrangement, in another sub-region than the child's home.</summary>
    private IEnumerable<Item> OutsideTheirSubRegion(Period period)
    {
        foreach (var decision in FactsOf("tlv-decisions").Where(f => period.Contains(f.OccurredOn) && f.Dimension?.StartsWith("granted", StringComparison.Ordinal) == true))
        {
            var home = Find(decision.Subject)?.HomeMunicipality;
            var admission = Find(SubjectKinds.Admission + decision.Subject[SubjectKinds.Tlv.Length..]);
            if (Outside(home, map.Location(admission?.LocationId)?.Municipality)) yield return new Item(decision.Key, home, Find(decision.Subject)?.Swv, "tlv");
        }
        foreach (var placed in FactsOf("individual-decisions-replaced").Where(f => period.Contains(f.OccurredOn)))
            if (Find(placed.Subject) is { } placement && Find(placement.Parent ?? "") is { } arrangement
                && Outside(placement.HomeMunicipality, map.Location(arrangement.LocationId)?.Municipality))
                yield return ItemOf(placement, "arrangement", key: placed.Key);
    }

    private bool Outside(string? home, string? schooledIn) =>
        map.IsMunicipality(home) && map.IsMunicipality(schooledIn) && map.SubRegionOf(home) != map.SubRegionOf(schooledIn);

    private IEnumerable<Subject> CollectiveRunning(DateOnly day) =>
        SubjectsOf(SubjectKinds.Arrangement).Where(s => s.Dimension == "collective" && RunningOn(s, day));
}
