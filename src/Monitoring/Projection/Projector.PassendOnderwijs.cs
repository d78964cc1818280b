using Platform.Contracts;
using Platform.Contracts.Funding;
using Platform.Contracts.Handover;
using static Platform.Monitoring.Projection.SubjectKinds;

namespace Platform.Monitoring.Projection;

/// <summary>
/// Issue #24, Monitoring: the clocks of passend onderwijs (RULES.md §4: zorgplicht, OPP, TLV objection and renewal, disputes) and
/// the PO→VO advice raised by a revision (RULES.md §7). Zorgplicht, OPP and dispute events name the school (its location's
/// municipality and its SWV), not the child's home: they count where the school is, as the events carry it. TLV events count as
/// the other TLV indicators do (the request's home municipality, the deciding SWV). An advice names only its handover: it counts
/// where the sending primary school is, known from the handover's <see cref="HandoverStarted"/>, whichever arrives first.
/// </summary>
public sealed partial class Projector
{
    /// <summary>Handover's name of the PO→VO switch, the only handover with a school advice (RULES.md §7).</summary>
    private const string PrimaryToSecondary = "primary-to-secondary";

    private Task PassendOnderwijsAsync(IIntegrationEvent message, CancellationToken ct) => message switch
    {
        ZorgplichtApplicationRegistered z => ZorgplichtRegisteredAsync(z, ct),
        ZorgplichtTermExtended z => ZorgplichtFactAsync("zorgplicht-terms-extended", z.ApplicationId, z.SchoolOrganisationId, z.SchoolMunicipality, z.SwvId,
            Day(z.OccurredAt), ct),
        ZorgplichtTermExceeded z => ZorgplichtFactAsync("zorgplicht-terms-exceeded", z.ApplicationId, z.SchoolOrganisationId, z.SchoolMunicipality, z.SwvId,
            Day(z.OccurredAt), ct),
        ZorgplichtTemporarilyPlaced z => ZorgplichtFactAsync("zorgplicht-temporary-placements", z.ApplicationId, z.SchoolOrganisationId, z.SchoolMunicipality,
            z.SwvId, z.PlacedOn, ct, location: z.SchoolLocationId),
        ZorgplichtDecided z => ZorgplichtFactAsync("zorgplicht-decisions", z.ApplicationId, z.SchoolOrganisationId, z.SchoolMunicipality, z.SwvId,
            z.DecidedOn, ct, dimension: z.Timeliness, value: Days(z.ReceivedOn, z.DecidedOn), receivedOn: z.ReceivedOn),
        OppRequired o => SubjectAsync(OppSubject(o.OppId, o.SchoolMunicipality, o.SwvId, o.SchoolOrganisationId, o.SchoolLocationId, o.EnrolledOn), ct),
        OppEstablished o => OppFactAsync("opp-established", o.OppId.ToString(), o.OppId, o.SchoolMunicipality, o.SwvId, o.SetOn, Timeliness(o.OnTime), ct),
        // Evaluated at least yearly: each evaluation is a fact of its own.
        OppEvaluated o => OppFactAsync("opp-evaluated", $"{o.OppId}:{o.EvaluatedOn:yyyy-MM-dd}", o.OppId, o.SchoolMunicipality, o.SwvId, o.EvaluatedOn,
            Timeliness(o.OnTime), ct),
        // Raised once per term: the establishment's, and each year's evaluation (its due day tells them apart).
        OppOverdue o => OppFactAsync("opp-overdue", $"{o.OppId}:{o.Step}:{o.DueOn:yyyy-MM-dd}", o.OppId, o.SchoolMunicipality, o.SwvId, Day(o.OccurredAt),
            o.Step, ct, o.SchoolOrganisationId),
        TlvObjectionFiled t => TlvObjectionAsync("tlv-objections", t.TlvId, t.SwvId, Day(t.OccurredAt), null, ct),
        TlvObjectionDecided t => TlvObjectionAsync("tlv-objections-decided", t.TlvId, t.SwvId, Day(t.OccurredAt), t.Result, ct),
        TlvRenewalChosen t => SubjectAsync(new Subject
        {
            Id = Id(TlvRenewal, t.TlvId), Kind = TlvRenewal, Dimension = t.Choice, Swv = t.SwvId, Parent = Id(Admission, t.TlvId), StartsOn = Day(t.OccurredAt),
        }, ct),
        DisputeFiled d => DisputeFactAsync("disputes-filed", d.DisputeId.ToString(), d.DisputeId, d.SchoolMunicipality, d.SwvId, d.FiledOn, d.Subject, ct,
            d.SchoolOrganisationId, d.FiledOn),
        DisputeConcluded d => DisputeFactAsync("disputes-concluded", d.DisputeId.ToString(), d.DisputeId, d.SchoolMunicipality, d.SwvId, d.EndedOn, d.Outcome, ct),
        DisputeTermPassed d => DisputeFactAsync("dispute-terms-passed", $"{d.DisputeId}:{d.Step}", d.DisputeId, d.SchoolMunicipality, d.SwvId,
            Day(d.OccurredAt), d.Step, ct, d.SchoolOrganisationId),
        HandoverStarted h when h.SwitchMoment == PrimaryToSecondary => SubjectAsync(new Subject
        {
            Id = Id(SchoolAdvice, h.HandoverId), Kind = SchoolAdvice, SchoolOrganisationId = h.SendingOrganisationId,
        }, ct),
        SchoolAdviceGiven a => SchoolAdviceGivenAsync(a, ct),
        _ => Task.CompletedTask,
    };

    private static string Timeliness(bool onTime) => onTime ? "on-time" : "late";

    private async Task ZorgplichtRegisteredAsync(ZorgplichtApplicationRegistered z, CancellationToken ct)
    {
        var subject = Id(Zorgplicht, z.ApplicationId);
        await SubjectAsync(new Subject
        {
            Id = subject, Kind = Zorgplicht, SchoolMunicipality = z.SchoolMunicipality, Swv = z.SwvId,
            SchoolOrganisationId = z.SchoolOrganisationId, LocationId = z.SchoolLocationId, StartsOn = z.ReceivedOn,
        }, ct);
        await FactAsync("zorgplicht-applications", z.ApplicationId.ToString(), subject, z.ReceivedOn, ct: ct);
    }

    /// <summary>One fact of an application (each counts once per application: a decision, an extension, the term exceeded, a temporary placement).</summary>
    private async Task ZorgplichtFactAsync(string indicator, Guid applicationId, string school, string municipality, string swv, DateOnly on,
        CancellationToken ct, string? dimension = null, int? value = null, string? location = null, DateOnly? receivedOn = null)
    {
        var subject = Id(Zorgplicht, applicationId);
        await SubjectAsync(new Subject
        {
            Id = subject, Kind = Zorgplicht, SchoolMunicipality = municipality, Swv = swv, SchoolOrganisationId = school, LocationId = location, StartsOn = receivedOn,
        }, ct);
        await FactAsync(indicator, applicationId.ToString(), subject, on, dimension, value, ct: ct);
    }

    private static Subject OppSubject(Guid oppId, string municipality, string swv, string? school = null, string? location = null, DateOnly? enrolled = null) =>
        new() { Id = Id(Opp, oppId), Kind = Opp, SchoolMunicipality = municipality, Swv = swv, SchoolOrganisationId = school, LocationId = location, StartsOn = enrolled };

    private async Task OppFactAsync(string indicator, string key, Guid oppId, string municipality, string swv, DateOnly on, string dimension,
        CancellationToken ct, string? school = null)
    {
        var subject = OppSubject(oppId, municipality, swv, school);
        await SubjectAsync(subject, ct);
        await FactAsync(indicator, key, subject.Id, on, dimension, ct: ct);
    }

    /// <summary>An objection to a TLV decision and its result (RULES.md §4), on the TLV's subject: where its other figures count. One objection per decision.</summary>
    private async Task TlvObjectionAsync(string indicator, Guid tlvId, string swv, DateOnly on, string? result, CancellationToken ct)
    {
        var subject = Id(Tlv, tlvId);
        await SubjectAsync(new Subject { Id = subject, Kind = Tlv, Swv = swv }, ct);
        await FactAsync(indicator, tlvId.ToString(), subject, on, result, ct: ct);
    }

    private async Task DisputeFactAsync(string indicator, string key, Guid disputeId, string municipality, string swv, DateOnly on, string? dimension,
        CancellationToken ct, string? school = null, DateOnly? filedOn = null)
    {
        var id = Id(Dispute, disputeId);
        await SubjectAsync(new Subject
        {
            Id = id, Kind = Dispute, SchoolMunicipality = municipality, Swv = swv, SchoolOrganisationId = school, StartsOn = filedOn,
        }, ct);
        await FactAsync(indicator, key, id, on, dimension, ct: ct);
    }

    /// <summary>
    /// A revision raises the advice (Handover refuses any other, RULES.md §7: never lowered), so each revision is counted, by the day
    /// given; its level is higher than every earlier one of the same handover, so the key (handover, level) counts it once.
    /// </summary>
    private async Task SchoolAdviceGivenAsync(SchoolAdviceGiven a, CancellationToken ct)
    {
        if (a.Step != "revision") return;
        var subject = Id(SchoolAdvice, a.HandoverId);
        await SubjectAsync(new Subject { Id = subject, Kind = SchoolAdvice }, ct);
        await FactAsync("school-advice-raised", $"{a.HandoverId}:{a.Level}", subject, a.GivenOn, ct: ct);
    }
}
