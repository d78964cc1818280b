namespace Platform.Monitoring.Domain;

/// <summary>How an indicator's figure is made.</summary>
public enum IndicatorKind
{
    /// <summary>How many happened in the period.</summary>
    Flow,
    /// <summary>How many there are on the reference date (the period's last day, or today while it runs).</summary>
    Stock,
    /// <summary>A sum of capacities on the reference date.</summary>
    Sum,
    /// <summary>The median of durations, in days.</summary>
    Median,
    /// <summary>A share, in percent.</summary>
    Percentage,
}

/// <param name="Id">Stable id, e.g. <c>thuiszitters-open</c>.</param>
/// <param name="Group">thuiszitters, intake, funding, handover, special-education, passend-onderwijs.</param>
/// <param name="Title">The Dutch name the page shows.</param>
/// <param name="Description">What exactly is counted (docs/monitoring.md has numerator, denominator, period and sources).</param>
/// <param name="Unit">children, days, percent, arrangements, places, referrals, ...</param>
/// <param name="AboutChildren">Whether it counts children (the small-cell rule applies) or the region's offer (arrangements, places: public on the sociale kaart).</param>
/// <param name="Dimension">The breakdown, when it has one (kind, reason, article, ...).</param>
/// <param name="Sources">The events it is built from.</param>
public sealed record IndicatorDefinition(
    string Id, string Group, IndicatorKind Kind, string Title, string Description, string Unit, bool AboutChildren,
    string? Dimension, IReadOnlyList<string> Sources);

/// <summary>Every indicator the monitor publishes, in the order the page shows them.</summary>
public static class IndicatorCatalog
{
    public static readonly IReadOnlyList<IndicatorDefinition> All =
    [
        new("thuiszitters-open", "thuiszitters", IndicatorKind.Stock, "Thuiszitters op de peildatum",
            "Thuiszitter cases open on the reference date: registered on or before it, not resolved by it.", "children", true, "kind",
            ["ThuiszitterRegistered", "ThuiszitterResolved"]),
        new("thuiszitters-by-school-type", "thuiszitters", IndicatorKind.Stock, "Thuiszitters naar schoolsoort",
            "Thuiszitter cases open on the reference date, by the child's school type: po (basisonderwijs, SBO), vo (with praktijkonderwijs), so-vso ((V)SO), mbo, not-enrolled (absolute verzuim), unknown.", "children", true, "school-type",
            ["ThuiszitterRegistered", "ThuiszitterResolved", "DirectoryPublished"]),
        new("thuiszitters-over-3-months", "thuiszitters", IndicatorKind.Stock, "Langer dan 3 maanden thuis",
            "Open thuiszitter cases whose child has been at home for more than 3 months on the reference date (the thuiszitterspact's limit).", "children", true, null,
            ["ThuiszitterRegistered", "ThuiszitterResolved"]),
        new("thuiszitters-new", "thuiszitters", IndicatorKind.Flow, "Nieuwe thuiszitters",
            "Thuiszitter cases registered in the period.", "children", true, "kind", ["ThuiszitterRegistered"]),
        new("thuiszitters-resolved", "thuiszitters", IndicatorKind.Flow, "Thuiszitters weer op weg",
            "Thuiszitter cases resolved in the period, by reason (exempted is an explicit outcome, never a silent one).", "children", true, "reason",
            ["ThuiszitterResolved"]),
        new("thuiszitters-median-days", "thuiszitters", IndicatorKind.Median, "Mediane duur thuis (dagen)",
            "Median days from the first day at home to the resolution, over the cases resolved in the period.", "days", true, null,
            ["ThuiszitterResolved"]),
        new("thuiszitters-days-to-start", "thuiszitters", IndicatorKind.Median, "Dagen thuis tot de start (mediaan, hele weken)",
            "Median days from the first day at home to the day the child actually started (back at school, a placement or offer started, received after a handover), over the cases resolved so in the period; rounded to whole weeks.", "days", true, null,
            ["ThuiszitterResolved"]),
        new("thuiszitters-escalated", "thuiszitters", IndicatorKind.Flow, "Naar de actietafel",
            "Thuiszitter cases that reached the actietafel (3 months without a suitable offer) in the period.", "children", true, null,
            ["ThuiszitterEscalated"]),
        new("onderwijsconsulent-engaged", "thuiszitters", IndicatorKind.Flow, "Onderwijsconsulent ingeschakeld",
            "Thuiszitter cases for which an onderwijsconsulent was engaged in the period (RULES.md §2), by the day recorded.", "children", true, null,
            ["OnderwijsconsulentEngaged", "ThuiszitterRegistered"]),
        new("exemptions-granted", "thuiszitters", IndicatorKind.Flow, "Vrijstellingen verleend",
            "Exemptions from leerplicht that took effect in the period, by article (5a, 5b, 5c); a yearly renewal is not counted again.", "children", true, "article",
            ["ExemptionGranted"]),
        new("exemptions-active", "thuiszitters", IndicatorKind.Stock, "Vrijgestelde kinderen",
            "Children with an exemption in force on the reference date, by article: counted, never dropped from view.", "children", true, "article",
            ["ExemptionGranted", "ExemptionEnded"]),
        new("exemptions-granted-by-term", "thuiszitters", IndicatorKind.Flow, "Vrijstellingen verleend: tijdelijk of blijvend",
            "The exemptions of exemptions-granted, by term: temporary (renewed yearly) or permanent (5 sub a, 'never': no renewal, RULES.md §3).", "children", true, "term",
            ["ExemptionGranted"]),
        new("exemptions-active-by-term", "thuiszitters", IndicatorKind.Stock, "Vrijgestelde kinderen: tijdelijk of blijvend",
            "Children with an exemption in force on the reference date, by term: temporary or permanent (RULES.md §3).", "children", true, "term",
            ["ExemptionGranted", "ExemptionEnded"]),
        new("grey-zone-open", "thuiszitters", IndicatorKind.Stock, "Langdurig ziek gemeld (grijze zone)",
            "Long-term sickness reports open on the reference date: sick for long, authorised, not (yet) a thuiszitter (RULES.md §2).", "children", true, null,
            ["AbsenceReported", "AbsenceReportFinished"]),
        new("late-absence-reports", "thuiszitters", IndicatorKind.Flow, "Verzuimmeldingen te laat",
            "16-hour absence reports made after their term of 5 working days (RULES.md §1), by the day reported.", "reports", true, null,
            ["AbsenceReported"]),

        new("referrals-received", "intake", IndicatorKind.Flow, "Aanmeldingen",
            "Referrals (aanmeldingen) received in the period.", "referrals", true, null, ["ReferralSubmitted"]),
        new("knooppunt-held", "intake", IndicatorKind.Flow, "Knooppunten gehouden",
            "Knooppunt case meetings held in the period (by the day they were held).", "meetings", true, null, ["KnooppuntHeld"]),
        new("knooppunt-overdue", "intake", IndicatorKind.Flow, "Knooppunt-termijn verstreken",
            "Cases whose knooppunt deadline passed in the period without a meeting held.", "cases", true, null, ["KnooppuntOverdue"]),
        new("days-to-knooppunt", "intake", IndicatorKind.Median, "Dagen tot het knooppunt (mediaan)",
            "Median calendar days from the first referral to the case's first knooppunt, over the cases whose first knooppunt was held in the period.", "days", true, null,
            ["KnooppuntHeld"]),
        new("days-to-first-step", "intake", IndicatorKind.Median, "Dagen tot de eerste stap (mediaan)",
            "Median calendar days from the first referral to the start of the next step agreed at the first knooppunt, over the same cases.", "days", true, null,
            ["KnooppuntHeld"]),

        new("collective-arrangements-active", "funding", IndicatorKind.Stock, "Doelgroeparrangementen actief",
            "Collective arrangements running on the reference date (active, within their period), by their location.", "arrangements", false, null,
            ["ArrangementActivated", "ArrangementEnded"]),
        new("collective-places", "funding", IndicatorKind.Sum, "Plaatsen in doelgroeparrangementen",
            "Places of the collective arrangements running on the reference date, by their location.", "places", false, null,
            ["ArrangementActivated", "ArrangementEnded"]),
        new("collective-occupancy", "funding", IndicatorKind.Percentage, "Bezetting doelgroeparrangementen (%)",
            "Children placed in running collective arrangements on the reference date, as a percentage of their places, by the arrangements' location.", "percent", true, null,
            ["ArrangementActivated", "ArrangementEnded", "PlacementConfirmed", "PlacementEnded"]),
        new("individual-decisions-replaced", "funding", IndicatorKind.Flow, "Individuele beschikkingen vervangen",
            "Children placed in a collective arrangement in the period: each place replaces an individual decision.", "children", true, null,
            ["PlacementConfirmed"]),
        new("individual-arrangements", "funding", IndicatorKind.Flow, "Individuele arrangementen",
            "Individual arrangements (one child, e.g. a Jeugdwet decision) that started running in the period, by the child's home municipality.", "children", true, null,
            ["IndividualArrangementProposed", "ArrangementActivated"]),
        new("funding-escalations", "funding", IndicatorKind.Flow, "Financieringsgeschillen naar de escalatietafel",
            "Arrangements escalated to the regional escalation table in the period, by cause (rejected, deadline).", "disputes", true, "cause",
            ["ArrangementEscalated"]),
        new("funding-escalations-decided", "funding", IndicatorKind.Flow, "Besluiten van de escalatietafel",
            "Funding disputes the escalation table decided in the period, by outcome (fund, refuse).", "disputes", true, "outcome",
            ["EscalationDecided"]),
        new("funding-escalation-median-days", "funding", IndicatorKind.Median, "Duur geschil tot besluit (mediaan, dagen)",
            "Median days from escalation to the table's decision, over the disputes decided in the period.", "days", true, null,
            ["EscalationDecided"]),

        new("handovers-completed", "handover", IndicatorKind.Flow, "Warme overdrachten afgerond",
            "Warm handovers completed in the period, on time (by their due date) or late, by the receiving school.", "children", true, "timeliness",
            ["HandoverCompleted"]),
        new("handovers-on-time-rate", "handover", IndicatorKind.Percentage, "Overdrachten op tijd (%)",
            "Handovers completed on time as a percentage of all completed in the period.", "percent", true, null, ["HandoverCompleted"]),
        new("terugplaatsingen", "handover", IndicatorKind.Flow, "Terugplaatsingen",
            "Completed handovers from special to regular education (SBO to primary, VSO to VO) in the period, by switch.", "children", true, "switch",
            ["HandoverCompleted"]),
        new("school-advice-raised", "handover", IndicatorKind.Flow, "Schooladvies naar boven bijgesteld",
            "Revisions of a PO→VO school advice in the period, by the day given: each raised the advice (it is never lowered, RULES.md §7); by the sending primary school.", "revisions", true, null,
            ["SchoolAdviceGiven", "HandoverStarted"]),

        new("special-education-pupils", "special-education", IndicatorKind.Stock, "Leerlingen speciaal onderwijs (schoollocatie)",
            "Pupils in special education on the reference date by school location, by type (sbo, so, vso): the numerator of special-education-participation.", "children", true, "type",
            ["DirectoryPublished", "TlvDecided", "TlvEnded", "TlvRequested"]),
        new("special-education-participation", "special-education", IndicatorKind.Percentage, "Deelname speciaal onderwijs (%)",
            "Pupils in special education (SBO, SO, VSO) as a percentage of all pupils: the special schools' pupils on the count date, plus TLV admissions since, minus terugplaatsingen since, over all pupils of the school year's count; by type (sbo, so, vso), each over all pupils.", "percent", true, "type",
            ["DirectoryPublished", "TlvDecided", "TlvEnded"]),
        new("special-education-by-residence", "special-education", IndicatorKind.Stock, "Leerlingen speciaal onderwijs (woongemeente)",
            "Children with a TLV admission (sbo, so, vso) running on the reference date, by the child's home municipality and the deciding SWV: the admissions the platform decided.", "children", true, "type",
            ["TlvRequested", "TlvDecided", "TlvEnded"]),
        new("tlv-requests", "special-education", IndicatorKind.Flow, "TLV-aanvragen",
            "Requests for a toelaatbaarheidsverklaring in the period, by the kind asked for (sbo, so, vso).", "children", true, "kind", ["TlvRequested"]),
        new("tlv-decisions", "special-education", IndicatorKind.Flow, "TLV-besluiten",
            "TLV decisions in the period, by outcome (granted-sbo, granted-so, granted-vso, refused).", "children", true, "outcome", ["TlvDecided"]),
        new("tlv-decision-median-days", "special-education", IndicatorKind.Median, "Doorlooptijd TLV-besluit (mediaan, dagen)",
            "Median days from request to decision, over the TLV decisions in the period.", "days", true, null, ["TlvDecided"]),
        new("tlv-decisions-overdue", "special-education", IndicatorKind.Flow, "TLV-besluit te laat",
            "TLV requests whose decision term passed without a decision, in the period.", "children", true, null, ["TlvDecisionOverdue"]),
        new("tlv-objections", "special-education", IndicatorKind.Flow, "Bezwaren tegen een TLV-besluit",
            "Objections (bezwaar) to a TLV decision filed in the period (RULES.md §4: within 6 weeks of the decision).", "children", true, null,
            ["TlvObjectionFiled", "TlvRequested"]),
        new("tlv-objections-decided", "special-education", IndicatorKind.Flow, "Besluiten op bezwaar tegen een TLV",
            "Objections to a TLV decision the SWV decided in the period, after the LBT's advice (RULES.md §4), by result: upheld (gegrond) or rejected (ongegrond).", "children", true, "result",
            ["TlvObjectionDecided", "TlvRequested"]),
        new("tlv-expired-without-renewal", "special-education", IndicatorKind.Flow, "TLV verlopen zonder keuze",
            "Granted TLVs that expired in the period (by their last valid day) without a renewal choice: neither an extension nor a planned terugplaatsing was recorded (RULES.md §4).", "children", true, null,
            ["TlvEnded", "TlvRenewalChosen", "TlvDecided", "TlvRequested"]),
        new("schooled-outside-sub-region", "special-education", IndicatorKind.Flow, "Onderwijs buiten de eigen subregio",
            "Children admitted in the period to a special school (TLV granted) or placed in a collective arrangement at a location outside the sub-region they live in.", "children", true, "route",
            ["TlvRequested", "TlvDecided", "PlacementConfirmed", "ArrangementActivated"]),
        new("schooled-outside-sub-region-open", "special-education", IndicatorKind.Stock, "Onderwijs buiten de eigen subregio (peildatum)",
            "Children schooled on the reference date at a location in another sub-region than their home municipality's: a running TLV admission at a named receiving school, or an open collective placement; by route.", "children", true, "route",
            ["TlvRequested", "TlvDecided", "TlvEnded", "PlacementConfirmed", "PlacementEnded", "ArrangementActivated", "ArrangementEnded"]),

        new("zorgplicht-applications", "passend-onderwijs", IndicatorKind.Flow, "Aanmeldingen met zorgplicht",
            "Written applications to a school for a child with a support need, by the day received (the board's zorgplicht, RULES.md §4); where the school is.", "children", true, null,
            ["ZorgplichtApplicationRegistered"]),
        new("zorgplicht-decisions", "passend-onderwijs", IndicatorKind.Flow, "Zorgplichtbesluiten",
            "Zorgplicht decisions in the period, by the day decided, by timeliness: on-time (within 6 weeks), extended (within the extended 10), exceeded (after the term) (RULES.md §4).", "children", true, "timeliness",
            ["ZorgplichtDecided"]),
        new("zorgplicht-terms-extended", "passend-onderwijs", IndicatorKind.Flow, "Zorgplichttermijn verlengd",
            "Applications whose decision term was extended by 4 weeks in the period, by the day recorded (RULES.md §4: once).", "children", true, null,
            ["ZorgplichtTermExtended"]),
        new("zorgplicht-terms-exceeded", "passend-onderwijs", IndicatorKind.Flow, "Zorgplichttermijn overschreden",
            "Applications whose decision term (6 weeks, or the extended 10) passed without a decision, by the day noticed (RULES.md §4).", "children", true, null,
            ["ZorgplichtTermExceeded"]),
        new("zorgplicht-temporary-placements", "passend-onderwijs", IndicatorKind.Flow, "Tijdelijk geplaatst (zorgplicht)",
            "Children placed temporarily at the school applied to, 10 weeks after the application without a decision, by the first day of the placement (RULES.md §4).", "children", true, null,
            ["ZorgplichtTemporarilyPlaced"]),
        new("opp-established", "passend-onderwijs", IndicatorKind.Flow, "OPP's vastgesteld",
            "Ontwikkelingsperspectieven set in the period, by the day set, by timeliness: on-time (within 6 weeks of enrolment) or late (RULES.md §4).", "children", true, "timeliness",
            ["OppEstablished", "OppRequired"]),
        new("opp-evaluated", "passend-onderwijs", IndicatorKind.Flow, "OPP's geëvalueerd",
            "OPP evaluations in the period, by the day evaluated, by timeliness: on-time (within a year of the previous setting or evaluation) or late (RULES.md §4).", "evaluations", true, "timeliness",
            ["OppEvaluated", "OppRequired"]),
        new("opp-overdue", "passend-onderwijs", IndicatorKind.Flow, "OPP-termijn verstreken",
            "OPP terms that passed without the step, by the day noticed, by step: establishment (6 weeks after enrolment) or evaluation (yearly) (RULES.md §4).", "children", true, "step",
            ["OppOverdue", "OppRequired"]),
        new("disputes-filed", "passend-onderwijs", IndicatorKind.Flow, "Geschillen passend onderwijs ingediend",
            "Disputes filed with the Geschillencommissie passend onderwijs in the period, by the day filed, by subject: admission-refused, removal, opp (RULES.md §4).", "children", true, "subject",
            ["DisputeFiled"]),
        new("disputes-concluded", "passend-onderwijs", IndicatorKind.Flow, "Geschillen passend onderwijs afgerond",
            "Disputes that ended in the period (the commission's opinion or a withdrawal), by the day ended, by outcome: founded, partly-founded, unfounded, inadmissible, withdrawn.", "children", true, "outcome",
            ["DisputeConcluded", "DisputeFiled"]),
        new("dispute-terms-passed", "passend-onderwijs", IndicatorKind.Flow, "Termijn geschil verstreken",
            "Terms of a dispute that passed without their step, by the day noticed, by step: answer (the board's 2 weeks) or opinion (the commission's 10 weeks) (RULES.md §4).", "children", true, "step",
            ["DisputeTermPassed", "DisputeFiled"]),
    ];

    public static readonly IReadOnlyDictionary<string, IndicatorDefinition> ById = All.ToDictionary(i => i.Id);

    /// <summary>Dutch names of the parts of the breakdowns, for the page; a part without one shows its id.</summary>
    public static readonly IReadOnlyDictionary<string, string> PartTitles = new Dictionary<string, string>
    {
        ["long-term-relative"] = "langdurig relatief verzuim",
        ["absolute"] = "absoluut verzuim (niet ingeschreven)",
        ["attending-again"] = "weer naar school",
        ["placed-in-arrangement"] = "geplaatst in een arrangement",
        ["handover-completed"] = "na een warme overdracht",
        ["exempted"] = "vrijgesteld",
        ["moved-away"] = "verhuisd",
        ["5a"] = "art. 5 sub a (lichamelijk of psychisch)",
        ["5b"] = "art. 5 sub b (richting)",
        ["5c"] = "art. 5 sub c (school in het buitenland)",
        ["rejected"] = "na afwijzing",
        ["deadline"] = "termijn verstreken",
        ["fund"] = "financieren",
        ["refuse"] = "niet financieren",
        ["on-time"] = "op tijd",
        ["late"] = "te laat",
        ["sbo-to-primary"] = "van SBO naar basisonderwijs",
        ["so-to-primary"] = "van SO naar basisonderwijs",
        ["vso-to-vo"] = "van VSO naar VO",
        ["sbo"] = "SBO", ["so"] = "SO", ["vso"] = "VSO",
        ["granted-sbo"] = "toegekend, SBO", ["granted-so"] = "toegekend, SO", ["granted-vso"] = "toegekend, VSO", ["refused"] = "afgewezen",
        ["tlv"] = "via een TLV", ["arrangement"] = "in een doelgroeparrangement",
        ["temporary"] = "tijdelijk (jaarlijks verlengd)", ["permanent"] = "blijvend (5 sub a, nooit)",
        ["po"] = "PO (basisonderwijs, SBO)", ["vo"] = "VO (met praktijkonderwijs)", ["so-vso"] = "(V)SO", ["mbo"] = "MBO",
        ["not-enrolled"] = "niet ingeschreven", ["unknown"] = "onbekend", ["unspecified"] = "niet vermeld",
        ["extended"] = "binnen de verlengde termijn", ["exceeded"] = "na de termijn",
        ["establishment"] = "vaststelling (6 weken)", ["evaluation"] = "evaluatie (jaarlijks)",
        ["admission-refused"] = "toelating geweigerd", ["removal"] = "verwijdering", ["opp"] = "het OPP",
        ["founded"] = "gegrond", ["partly-founded"] = "deels gegrond", ["unfounded"] = "ongegrond", ["inadmissible"] = "niet-ontvankelijk",
        ["withdrawn"] = "ingetrokken", ["answer"] = "verweer van het bestuur (2 weken)", ["opinion"] = "oordeel van de commissie (10 weken)",
        // A part whose word means something else in another breakdown: by indicator (funding-escalations' "rejected" is a cause).
        ["tlv-objections-decided:upheld"] = "gegrond", ["tlv-objections-decided:rejected"] = "ongegrond",
    };

    /// <summary>The Dutch name of a part of a breakdown: the indicator's own where it has one, else the part's.</summary>
    public static string PartTitle(string part, string? indicator = null) =>
        indicator is not null && PartTitles.TryGetValue($"{indicator}:{part}", out var own) ? own : PartTitles.GetValueOrDefault(part, part);

    /// <summary>Dutch names of the groups, for the page.</summary>
    public static readonly IReadOnlyDictionary<string, string> GroupTitles = new Dictionary<string, string>
    {
        ["thuiszitters"] = "Thuiszitters en vrijstellingen",
        ["intake"] = "Aanmelding en knooppunt",
        ["funding"] = "Arrangementen en financiering",
        ["handover"] = "Overdracht",
        ["special-education"] = "Speciaal onderwijs en TLV",
        ["passend-onderwijs"] = "Zorgplicht, OPP en geschillen (passend onderwijs)",
    };
}
