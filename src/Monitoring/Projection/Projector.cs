using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Attendance;
using Platform.Contracts.Funding;
using Platform.Contracts.Handover;
using Platform.Contracts.Intake;
using Platform.Monitoring.Domain;
using Platform.Monitoring.Infrastructure;
using static Platform.Monitoring.Projection.SubjectKinds;

namespace Platform.Monitoring.Projection;

/// <summary>
/// The read model's one writer: turns an event into the subjects and facts it tells about. Every
/// write is an upsert that keeps what is already known (a subject's fields) or counts once (a fact's
/// key), so duplicates, replays and any order of arrival give the same read model. Used by the
/// consumers and, over the journal, by the rebuild.
/// </summary>
public sealed partial class Projector(MonitoringDbContext db)
{
    public Task ApplyAsync(IIntegrationEvent message, CancellationToken ct) => message switch
    {
        ReferralSubmitted r => ReferralAsync(r, ct),
        CaseOpened c => CaseOpenedAsync(c, ct),
        KnooppuntHeld k => KnooppuntHeldAsync(k, ct),
        KnooppuntOverdue o => KnooppuntOverdueAsync(o, ct),
        ThuiszitterRegistered t => ThuiszitterRegisteredAsync(t, ct),
        ThuiszitterResolved t => ThuiszitterResolvedAsync(t, ct),
        ThuiszitterEscalated t => ThuiszitterEscalatedAsync(t, ct),
        ExemptionGranted e => ExemptionGrantedAsync(e, ct),
        ExemptionEnded e => ExemptionEndedAsync(e, ct),
        PlacementConfirmed p => PlacementConfirmedAsync(p, ct),
        PlacementEnded p => PlacementEndedAsync(p, ct),
        ArrangementActivated a => ArrangementActivatedAsync(a, ct),
        IndividualArrangementProposed i => SubjectAsync(new Subject { Id = Id(Arrangement, i.ArrangementId), Kind = Arrangement, Dimension = "individual", HomeMunicipality = i.HomeMunicipality }, ct),
        ArrangementEnded e => SubjectAsync(new Subject { Id = Id(Arrangement, e.ArrangementId), Kind = Arrangement, ClosedOn = e.EndedOn.AddDays(1) }, ct),
        ArrangementEscalated e => ArrangementEscalatedAsync(e, ct),
        EscalationDecided d => EscalationDecidedAsync(d, ct),
        HandoverCompleted h => HandoverCompletedAsync(h, ct),
        TlvRequested t => TlvRequestedAsync(t, ct),
        TlvDecided t => TlvDecidedAsync(t, ct),
        TlvDecisionOverdue t => TlvOverdueAsync(t, ct),
        TlvEnded t => TlvEndedAsync(t, ct),
        AbsenceReported a => AbsenceReportedAsync(a, ct),
        AbsenceReportFinished a => AbsenceReportFinishedAsync(a, ct),
        OnderwijsconsulentEngaged o => OnderwijsconsulentEngagedAsync(o, ct),
        ZorgplichtApplicationRegistered or ZorgplichtTermExtended or ZorgplichtTermExceeded or ZorgplichtTemporarilyPlaced or ZorgplichtDecided
            or OppRequired or OppEstablished or OppEvaluated or OppOverdue
            or TlvObjectionFiled or TlvObjectionDecided or TlvRenewalChosen
            or DisputeFiled or DisputeConcluded or DisputeTermPassed
            or HandoverStarted or SchoolAdviceGiven => PassendOnderwijsAsync(message, ct),
        _ => Task.CompletedTask,
    };

    private static DateOnly Day(DateTimeOffset moment) => Period.DutchDate(moment);
    private static int Days(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber;

    private async Task ReferralAsync(ReferralSubmitted r, CancellationToken ct)
    {
        var subject = Id(Referral, r.ReferralId);
        await SubjectAsync(new Subject { Id = subject, Kind = Referral, HomeMunicipality = r.HomeMunicipality, SchoolOrganisationId = r.ReferringOrganisationId }, ct);
        await FactAsync("referrals-received", r.ReferralId.ToString(), subject, Day(r.OccurredAt), ct: ct);
    }

    private Task CaseOpenedAsync(CaseOpened c, CancellationToken ct) => SubjectAsync(new Subject
    {
        Id = Id(Case, c.CaseId), Kind = Case, HomeMunicipality = c.HomeMunicipality, SchoolOrganisationId = c.FirstReferrerOrganisationId,
        AnchorOn = Day(c.ReferredAt),
    }, ct);

    private async Task KnooppuntHeldAsync(KnooppuntHeld k, CancellationToken ct)
    {
        var subject = Id(Case, k.CaseId);
        var referred = Day(k.ReferredAt);
        await SubjectAsync(new Subject { Id = subject, Kind = Case, HomeMunicipality = k.HomeMunicipality, AnchorOn = referred }, ct);
        await FactAsync("knooppunt-held", k.KnooppuntId.ToString(), subject, k.HeldOn, ct: ct);
        // A case's first knooppunt is the earliest held, whichever of its events arrives first.
        await FactAsync(FactKinds.FirstKnooppuntDays, k.CaseId.ToString(), subject, k.HeldOn, value: Days(referred, k.HeldOn), keepEarliest: true, ct: ct);
        await FactAsync(FactKinds.FirstStepDays, k.CaseId.ToString(), subject, k.HeldOn, value: Days(referred, k.FirstStepOn), keepEarliest: true, ct: ct);
    }

    private async Task KnooppuntOverdueAsync(KnooppuntOverdue o, CancellationToken ct)
    {
        var subject = Id(Case, o.CaseId);
        await SubjectAsync(new Subject { Id = subject, Kind = Case, HomeMunicipality = o.HomeMunicipality }, ct);
        await FactAsync("knooppunt-overdue", o.CaseId.ToString(), subject, Day(o.OccurredAt), ct: ct);
    }

    private async Task ThuiszitterRegisteredAsync(ThuiszitterRegistered t, CancellationToken ct)
    {
        var subject = Id(Thuiszitter, t.CaseId);
        await SubjectAsync(new Subject
        {
            Id = subject, Kind = Thuiszitter, Dimension = t.Kind, HomeMunicipality = t.HomeMunicipality, SchoolOrganisationId = t.SchoolOrganisationId,
            StartsOn = Day(t.OccurredAt), AnchorOn = t.AtHomeSince,
        }, ct);
        await FactAsync("thuiszitters-new", t.CaseId.ToString(), subject, Day(t.OccurredAt), t.Kind, ct: ct);
    }

    private async Task ThuiszitterResolvedAsync(ThuiszitterResolved t, CancellationToken ct)
    {
        var subject = Id(Thuiszitter, t.CaseId);
        var resolved = Day(t.OccurredAt);
        await SubjectAsync(new Subject { Id = subject, Kind = Thuiszitter, HomeMunicipality = t.HomeMunicipality, AnchorOn = t.AtHomeSince, ClosedOn = resolved }, ct);
        await FactAsync("thuiszitters-resolved", t.CaseId.ToString(), subject, resolved, t.Reason, Days(t.AtHomeSince, resolved), ct: ct);
    }

    private async Task ThuiszitterEscalatedAsync(ThuiszitterEscalated t, CancellationToken ct)
    {
        var subject = Id(Thuiszitter, t.CaseId);
        await SubjectAsync(new Subject { Id = subject, Kind = Thuiszitter, HomeMunicipality = t.HomeMunicipality, AnchorOn = t.AtHomeSince }, ct);
        await FactAsync("thuiszitters-escalated", t.CaseId.ToString(), subject, Day(t.OccurredAt), ct: ct);
    }

    private async Task ExemptionGrantedAsync(ExemptionGranted e, CancellationToken ct)
    {
        var subject = Id(Exemption, e.ExemptionId);
        await SubjectAsync(new Subject
        {
            Id = subject, Kind = Exemption, Dimension = e.Article, HomeMunicipality = e.HomeMunicipality, StartsOn = e.StartsOn, PlannedEndOn = e.EndsOn,
            // Permanent: a 5 sub a "never" (no yearly renewal, RULES.md §3); unknown in events from before the field.
            Variant = e.Permanent switch { true => ExemptionTerms.Permanent, false => ExemptionTerms.Temporary, null => null },
        }, ct);
        // A yearly renewal keeps the child exempted (the stock) but is not a new exemption (the flow).
        if (e.RenewalOfExemptionId is null)
            await FactAsync("exemptions-granted", e.ExemptionId.ToString(), subject, Day(e.OccurredAt), e.Article, ct: ct);
    }

    private Task ExemptionEndedAsync(ExemptionEnded e, CancellationToken ct) => SubjectAsync(new Subject
    {
        Id = Id(Exemption, e.ExemptionId), Kind = Exemption, Dimension = e.Article, HomeMunicipality = e.HomeMunicipality, ClosedOn = e.EndedOn.AddDays(1),
    }, ct);

    private async Task PlacementConfirmedAsync(PlacementConfirmed p, CancellationToken ct)
    {
        var subject = Id(Placement, p.PlacementId);
        await SubjectAsync(new Subject
        {
            Id = subject, Kind = Placement, Dimension = p.Kind, HomeMunicipality = p.HomeMunicipality, Parent = Id(Arrangement, p.ArrangementId), StartsOn = p.StartsOn,
        }, ct);
        // A collective place given is an individual decision replaced (the seeds' headline indicator).
        if (p.Kind == "collective") await FactAsync("individual-decisions-replaced", p.PlacementId.ToString(), subject, Day(p.OccurredAt), ct: ct);
    }

    private Task PlacementEndedAsync(PlacementEnded p, CancellationToken ct) => SubjectAsync(new Subject
    {
        Id = Id(Placement, p.PlacementId), Kind = Placement, Parent = Id(Arrangement, p.ArrangementId), ClosedOn = p.EndedOn.AddDays(1),
    }, ct);

    private async Task ArrangementActivatedAsync(ArrangementActivated a, CancellationToken ct)
    {
        var subject = Id(Arrangement, a.ArrangementId);
        var activated = Day(a.OccurredAt);
        await SubjectAsync(new Subject
        {
            Id = subject, Kind = Arrangement, Dimension = a.Kind, LocationId = a.LocationId.Length > 0 ? a.LocationId : null,
            StartsOn = a.StartsOn, PlannedEndOn = a.EndsOn, ActivatedOn = activated, Places = a.Places,
        }, ct);
        if (a.Kind == "individual") await FactAsync("individual-arrangements", a.ArrangementId.ToString(), subject, activated, ct: ct);
    }

    private async Task ArrangementEscalatedAsync(ArrangementEscalated e, CancellationToken ct)
    {
        var subject = Id(Arrangement, e.ArrangementId);
        await SubjectAsync(new Subject { Id = subject, Kind = Arrangement }, ct);
        // An arrangement can be disputed again after a change request: each escalation is its own fact.
        await FactAsync("funding-escalations", $"{e.ArrangementId}:{e.OccurredAt.UtcTicks}", subject, Day(e.OccurredAt), e.Cause, ct: ct);
    }

    private async Task EscalationDecidedAsync(EscalationDecided d, CancellationToken ct)
    {
        var subject = Id(Arrangement, d.ArrangementId);
        await SubjectAsync(new Subject { Id = subject, Kind = Arrangement }, ct);
        await FactAsync("funding-escalations-decided", $"{d.ArrangementId}:{d.EscalatedAt.UtcTicks}", subject, Day(d.OccurredAt), d.Outcome,
            Days(Day(d.EscalatedAt), Day(d.OccurredAt)), ct: ct);
    }

    private async Task HandoverCompletedAsync(HandoverCompleted h, CancellationToken ct)
    {
        var subject = Id(Handover, h.HandoverId);
        // Handover events name schools, not the child's home: a handover counts where the child is received.
        await SubjectAsync(new Subject { Id = subject, Kind = Handover, SchoolOrganisationId = h.ReceivingOrganisationId }, ct);
        var day = Day(h.OccurredAt);
        await FactAsync("handovers-completed", h.HandoverId.ToString(), subject, day, h.OnTime ? "on-time" : "late", ct: ct);
        if (h.Terugplaatsing) await FactAsync("terugplaatsingen", h.HandoverId.ToString(), subject, day, h.SwitchMoment, ct: ct);
    }

    private async Task TlvRequestedAsync(TlvRequested t, CancellationToken ct)
    {
        var subject = Id(Tlv, t.TlvId);
        // The requesting school's location: where the child was in the pupil count.
        await SubjectAsync(new Subject
        {
            Id = subject, Kind = Tlv, Dimension = t.Kind, HomeMunicipality = t.HomeMunicipality, Swv = t.SwvId, LocationId = t.SchoolLocationId,
            SchoolOrganisationId = t.SchoolOrganisationId, StartsOn = Day(t.OccurredAt),
        }, ct);
        await FactAsync("tlv-requests", t.TlvId.ToString(), subject, Day(t.OccurredAt), t.Kind, ct: ct);
    }

    private async Task TlvDecidedAsync(TlvDecided t, CancellationToken ct)
    {
        var subject = Id(Tlv, t.TlvId);
        await SubjectAsync(new Subject { Id = subject, Kind = Tlv, HomeMunicipality = t.HomeMunicipality, Swv = t.SwvId, StartsOn = Day(t.RequestedAt) }, ct);
        var granted = t.Outcome == "granted";
        if (granted)
            // Where the child goes to school from now on: the receiving special school, else (unknown) the child's home.
            await SubjectAsync(new Subject
            {
                Id = Id(Admission, t.TlvId), Kind = Admission, Dimension = t.Kind, Swv = t.SwvId, LocationId = t.ReceivingLocationId, Parent = subject,
                StartsOn = t.ValidFrom, PlannedEndOn = t.ValidUntil, ActivatedOn = Day(t.OccurredAt),
            }, ct);
        await FactAsync("tlv-decisions", t.TlvId.ToString(), subject, Day(t.OccurredAt), granted ? $"granted-{t.Kind}" : "refused",
            Days(Day(t.RequestedAt), Day(t.OccurredAt)), ct: ct);
    }

    private async Task TlvOverdueAsync(TlvDecisionOverdue t, CancellationToken ct)
    {
        var subject = Id(Tlv, t.TlvId);
        await SubjectAsync(new Subject { Id = subject, Kind = Tlv, HomeMunicipality = t.HomeMunicipality, Swv = t.SwvId }, ct);
        await FactAsync("tlv-decisions-overdue", t.TlvId.ToString(), subject, Day(t.OccurredAt), ct: ct);
    }

    private async Task TlvEndedAsync(TlvEnded t, CancellationToken ct)
    {
        var admission = Id(Admission, t.TlvId);
        await SubjectAsync(new Subject { Id = admission, Kind = Admission, Swv = t.SwvId, Parent = Id(Tlv, t.TlvId), ClosedOn = t.EndedOn.AddDays(1) }, ct);
        if (t.Reason == "terugplaatsing") await FactAsync(FactKinds.TlvTerugplaatsing, t.TlvId.ToString(), admission, t.EndedOn, ct: ct);
        // Expired: counted by tlv-expired-without-renewal when no renewal choice was made for it (issue #24).
        if (t.Reason == "expired") await FactAsync(FactKinds.TlvExpired, t.TlvId.ToString(), admission, t.EndedOn, ct: ct);
    }

    /// <summary>
    /// The grey zone (RULES.md §2: long-term sickness, tracked, never a thuiszitter by itself) is a stock of long-term sickness
    /// reports open on the reference date; a report that came late (RULES.md §1: accepted, flagged, counted) is a fact by the day
    /// reported. Other reports are not kept: the monitor counts, it does not follow every absence.
    /// </summary>
    private async Task AbsenceReportedAsync(AbsenceReported a, CancellationToken ct)
    {
        var sickness = a.Kind == AbsenceKinds.LongTermSickness;
        if (!sickness && a.ReportedLate != true) return;
        var subject = Id(AbsenceReport, a.ReportId);
        var reported = Day(a.OccurredAt);
        await SubjectAsync(new Subject
        {
            Id = subject, Kind = AbsenceReport, Dimension = a.Kind, HomeMunicipality = a.HomeMunicipality, SchoolOrganisationId = a.SchoolOrganisationId,
            StartsOn = reported, AnchorOn = a.FirstAbsentOn,
        }, ct);
        if (a.ReportedLate == true) await FactAsync("late-absence-reports", a.ReportId.ToString(), subject, reported, a.Kind, ct: ct);
    }

    /// <summary>A long-term sickness report closed, acknowledged or withdrawn: out of the grey zone from that day.</summary>
    private Task AbsenceReportFinishedAsync(AbsenceReportFinished a, CancellationToken ct) => a.Kind != AbsenceKinds.LongTermSickness
        ? Task.CompletedTask
        : SubjectAsync(new Subject
        {
            Id = Id(AbsenceReport, a.ReportId), Kind = AbsenceReport, Dimension = a.Kind, HomeMunicipality = a.HomeMunicipality, ClosedOn = Day(a.OccurredAt),
        }, ct);

    /// <summary>An onderwijsconsulent engaged for a thuiszitter case (RULES.md §2), by the day recorded; once per case.</summary>
    private async Task OnderwijsconsulentEngagedAsync(OnderwijsconsulentEngaged o, CancellationToken ct)
    {
        var subject = Id(Thuiszitter, o.CaseId);
        await SubjectAsync(new Subject { Id = subject, Kind = Thuiszitter, HomeMunicipality = o.HomeMunicipality, AnchorOn = o.AtHomeSince }, ct);
        await FactAsync("onderwijsconsulent-engaged", o.CaseId.ToString(), subject, Day(o.OccurredAt), value: o.DaysAtHome, ct: ct);
    }

    /// <summary>
    /// The earliest day whose figures what this projector wrote can have changed (null: none changed). The published figures
    /// of a period that ended before it stay as they were (<see cref="Figures.FigureChanges"/>).
    /// </summary>
    public DateOnly? ChangedFrom { get; private set; }

    private void Changed(DateOnly? from)
    {
        if (from is { } day && (ChangedFrom is not { } earlier || day < earlier)) ChangedFrom = day;
    }

    /// <summary>
    /// The subject and the ones a figure can read beside it: the same thing under another kind (a TLV, its admission, its renewal
    /// choice share the TLV's id) and its parent; the SQL adds its children. <see cref="Figures.FigureCalculator"/> reads no further.
    /// </summary>
    private static string[] FamilyOf(Subject s)
    {
        var suffix = s.Id.IndexOf(':') is var colon and > 0 ? s.Id[(colon + 1)..] : null;
        var family = suffix is null ? new List<string> { s.Id } : [.. SubjectKinds.All.Select(kind => $"{kind}:{suffix}")];
        if (s.Parent is { } parent) family.Add(parent);
        return [.. family];
    }

    /// <summary>
    /// Creates the subject, or fills in what it did not know yet; what is known is never overwritten. Answers, in the same
    /// statement, from which day figures can have changed: when only its dates changed, the earlier of each changed date's old
    /// and new value (a stock on a day before both is the same: <see cref="Subject.IsOpenOn"/> and the others compare days
    /// with them); when it is new or moved (another place, kind of thing, parent, number of places), the earliest day of
    /// anything counted with it: its dates and facts, and those of its family (<see cref="FamilyOf"/>) and children.
    /// </summary>
    private async Task SubjectAsync(Subject s, CancellationToken ct)
    {
        var family = FamilyOf(s);
        var from = await db.Database.SqlQuery<DateOnly?>($"""
            WITH known AS (
                -- The row as it was: every part of one statement sees the same snapshot, the upsert's change not (no FOR UPDATE:
                -- it would skip the row the upsert below changes in this same statement).
                SELECT * FROM monitoring.subjects WHERE id = {s.Id}
            ), written AS (
                INSERT INTO monitoring.subjects (id, kind, dimension, variant, home_municipality, school_municipality, school_organisation_id, location_id, swv,
                                                 parent, starts_on, anchor_on, planned_end_on, closed_on, activated_on, places)
                VALUES ({s.Id}, {s.Kind}, {s.Dimension}, {s.Variant}, {s.HomeMunicipality}, {s.SchoolMunicipality}, {s.SchoolOrganisationId}, {s.LocationId}, {s.Swv}, {s.Parent},
                        {s.StartsOn}, {s.AnchorOn}, {s.PlannedEndOn}, {s.ClosedOn}, {s.ActivatedOn}, {s.Places})
                ON CONFLICT (id) DO UPDATE SET
                    dimension = COALESCE(subjects.dimension, excluded.dimension),
                    variant = COALESCE(subjects.variant, excluded.variant),
                    home_municipality = COALESCE(subjects.home_municipality, excluded.home_municipality),
                    school_municipality = COALESCE(subjects.school_municipality, excluded.school_municipality),
                    school_organisation_id = COALESCE(subjects.school_organisation_id, excluded.school_organisation_id),
                    location_id = COALESCE(subjects.location_id, excluded.location_id),
                    swv = COALESCE(subjects.swv, excluded.swv),
                    parent = COALESCE(subjects.parent, excluded.parent),
                    starts_on = COALESCE(subjects.starts_on, excluded.starts_on),
                    anchor_on = COALESCE(subjects.anchor_on, excluded.anchor_on),
                    planned_end_on = COALESCE(subjects.planned_end_on, excluded.planned_end_on),
                    closed_on = COALESCE(subjects.closed_on, excluded.closed_on),
                    activated_on = COALESCE(subjects.activated_on, excluded.activated_on),
                    places = COALESCE(subjects.places, excluded.places)
                RETURNING *
            ), change AS (
                SELECT w.*,
                       k.id IS NULL OR (k.dimension, k.variant, k.home_municipality, k.school_municipality, k.school_organisation_id, k.location_id, k.swv,
                                        k.parent, k.places)
                           IS DISTINCT FROM (w.dimension, w.variant, w.home_municipality, w.school_municipality, w.school_organisation_id, w.location_id,
                                             w.swv, w.parent, w.places) AS moved,
                       LEAST(CASE WHEN k.starts_on IS DISTINCT FROM w.starts_on THEN LEAST(k.starts_on, w.starts_on) END,
                             CASE WHEN k.anchor_on IS DISTINCT FROM w.anchor_on THEN LEAST(k.anchor_on, w.anchor_on) END,
                             CASE WHEN k.planned_end_on IS DISTINCT FROM w.planned_end_on THEN LEAST(k.planned_end_on, w.planned_end_on) END,
                             CASE WHEN k.closed_on IS DISTINCT FROM w.closed_on THEN LEAST(k.closed_on, w.closed_on) END,
                             CASE WHEN k.activated_on IS DISTINCT FROM w.activated_on THEN LEAST(k.activated_on, w.activated_on) END) AS dates_from
                FROM written w LEFT JOIN known k ON true
            )
            SELECT CASE WHEN c.moved THEN LEAST(
                       c.starts_on, c.anchor_on, c.planned_end_on, c.closed_on, c.activated_on,
                       (SELECT min(LEAST(f.starts_on, f.anchor_on, f.planned_end_on, f.closed_on, f.activated_on)) FROM monitoring.subjects f
                        WHERE f.id = ANY({family}) OR f.id = c.parent OR f.parent = ANY({family})),
                       (SELECT min(x.occurred_on) FROM monitoring.facts x
                        WHERE x.subject = ANY({family}) OR x.subject = c.parent
                           OR x.subject IN (SELECT f.id FROM monitoring.subjects f WHERE f.parent = ANY({family}))))
                   ELSE c.dates_from END AS "Value"
            FROM change c
            """).ToListAsync(ct);
        Changed(from.FirstOrDefault());
    }

    /// <summary>
    /// Counts a fact once under <c>{indicator}:{key}</c>. With <paramref name="keepEarliest"/> a later
    /// arrival replaces it when it happened earlier (a case's first knooppunt), so order does not matter.
    /// A fact counts in the period of its day, and in stocks from its day on: figures change from that day.
    /// </summary>
    private async Task FactAsync(string indicator, string key, string subject, DateOnly on, string? dimension = null, int? value = null,
        bool keepEarliest = false, CancellationToken ct = default)
    {
        var factKey = $"{indicator}:{key}";
        var written = keepEarliest
            ? await db.Database.SqlQuery<DateOnly>($"""
                INSERT INTO monitoring.facts (key, indicator, subject, occurred_on, dimension, value)
                VALUES ({factKey}, {indicator}, {subject}, {on}, {dimension}, {value})
                ON CONFLICT (key) DO UPDATE SET occurred_on = excluded.occurred_on, value = excluded.value, dimension = excluded.dimension
                WHERE (excluded.occurred_on, COALESCE(excluded.value, 0)) < (facts.occurred_on, COALESCE(facts.value, 0))
                RETURNING occurred_on AS "Value"
                """).ToListAsync(ct)
            : await db.Database.SqlQuery<DateOnly>($"""
                INSERT INTO monitoring.facts (key, indicator, subject, occurred_on, dimension, value)
                VALUES ({factKey}, {indicator}, {subject}, {on}, {dimension}, {value})
                ON CONFLICT (key) DO NOTHING
                RETURNING occurred_on AS "Value"
                """).ToListAsync(ct);
        foreach (var day in written) Changed(day);
    }
}
