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
/// consumers (<see cref="SqlReadModel"/>) and, over the journal, by the rebuild (<see cref="InMemoryReadModel"/>).
/// </summary>
public sealed partial class Projector(IReadModelWriter writer)
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

    /// <summary>Creates the subject, or fills in what it did not know yet; what is known is never overwritten.</summary>
    private Task SubjectAsync(Subject s, CancellationToken ct) => writer.SubjectAsync(s, ct);

    /// <summary>
    /// Counts a fact once under <c>{indicator}:{key}</c>. With <paramref name="keepEarliest"/> a later
    /// arrival replaces it when it happened earlier (a case's first knooppunt), so order does not matter.
    /// </summary>
    private Task FactAsync(string indicator, string key, string subject, DateOnly on, string? dimension = null, int? value = null,
        bool keepEarliest = false, CancellationToken ct = default) =>
        writer.FactAsync(new Fact { Key = $"{indicator}:{key}", Indicator = indicator, Subject = subject, OccurredOn = on, Dimension = dimension, Value = value },
            keepEarliest, ct);
}
