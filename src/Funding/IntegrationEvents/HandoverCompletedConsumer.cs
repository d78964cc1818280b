using Microsoft.EntityFrameworkCore;
using Platform.Funding.Domain;
using MassTransit;
using Platform.ConsentReplica;
using Platform.Contracts;
using Platform.Contracts.Handover;
using Platform.DirectoryReplica;
using Platform.Funding.Infrastructure;
using Platform.Funding.Placements;
using Platform.Messaging.Inbox;

namespace Platform.Funding.IntegrationEvents;

/// <summary>
/// The child changed school: its placements follow where the arrangement allows it, or end and free their place; a
/// terugplaatsing ends the TLV it names; and an enrolment at a special school starts the clock of its OPP.
/// </summary>
public sealed class HandoverCompletedConsumer(
    FundingDbContext db, PlacementDesk desk, IRegionDirectory directory, ILogger<HandoverCompletedConsumer> logger, TimeProvider clock)
    : IdempotentConsumer<HandoverCompleted, FundingDbContext>(db, logger, clock)
{
    /// <summary>The switch moments into a school where every pupil has an OPP (RULES.md §4: SBO, SO, VSO), and that school's kind.</summary>
    private static readonly IReadOnlyDictionary<string, string> IntoSpecialEducation = new Dictionary<string, string>
    {
        ["primary-to-sbo"] = LocationKinds.Sbo,
        ["primary-to-so"] = LocationKinds.So,
        ["vo-to-vso"] = LocationKinds.Vso,
    };

    protected override async Task HandleAsync(HandoverCompleted message, ConsumeContext<HandoverCompleted> context, CancellationToken ct)
    {
        await desk.FollowChildAsync(message.ChildReference, message.ReceivingOrganisationId, ct);
        // A terugplaatsing linked to the TLV it ends: back in regular education, the admission to special education ends.
        if (message.EndsTlvId is { } tlvId
            && await Db.Tlvs.FirstOrDefaultAsync(t => t.Id == tlvId && t.ChildReference == message.ChildReference, ct) is { Status: TlvStatus.Granted } tlv)
            tlv.EndWithTerugplaatsing(DutchTime.DateOf(message.OccurredAt), Clock.GetUtcNow());
        if (IntoSpecialEducation.TryGetValue(message.SwitchMoment, out var kind))
            await OpenOppAsync(message, kind, ct);
    }

    /// <summary>
    /// #24 point 2, "a handover's completion starts the clock": every pupil of an SBO, SO or VSO school has an OPP, set within
    /// 6 weeks of enrolment (RULES.md §4), and the completed handover is that enrolment. The receiving school's OPP opens with
    /// the completion day as its enrolment, unless the child has one at that location already. Where that cannot be told
    /// (the school has no location of that kind, or more than one; the child has no Intake case here), nothing opens and the
    /// school records the enrolment itself (<c>POST /opps</c>): a guess would start a clock at the wrong school.
    /// </summary>
    private async Task OpenOppAsync(HandoverCompleted message, string kind, CancellationToken ct)
    {
        var locations = (await directory.LocationsOfAsync(message.ReceivingOrganisationId, ct)).Where(l => l.Kind == kind).ToList();
        if (locations is not [{ Swv: not null } location]) return;
        var @case = await Db.Set<CaseCopy>().AsNoTracking().Where(c => c.ChildReference == message.ChildReference)
            .OrderByDescending(c => c.OpenedAt).FirstOrDefaultAsync(ct);
        if (@case is null) return;
        if (await Db.Opps.AnyAsync(o => o.ChildReference == message.ChildReference && o.SchoolLocationId == location.Id, ct)) return;
        Db.Opps.Add(Opp.OpenForPlacement(@case.CaseId, message.ChildReference, location.OrganisationId, location.Id, location.Kind,
            location.Municipality, location.Swv, DutchTime.DateOf(message.OccurredAt), Clock.GetUtcNow()));
    }
}
