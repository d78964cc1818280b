namespace Platform.Funding.Domain;

public enum PlacementStatus { Active, Ended }

/// <summary>
/// Plaatsing: one child in one arrangement, because one Intake case asked for it. The request id
/// is unique, so a redelivered request never places a child twice.
/// </summary>
public sealed class Placement
{
    public Guid Id { get; private set; }
    public Guid ArrangementId { get; private set; }
    public Guid RequestId { get; private set; }
    public Guid CaseId { get; private set; }
    public string ChildReference { get; private set; } = "";
    public string HomeMunicipality { get; private set; } = "";
    /// <summary>The child's school (organisation id) now; moves with the child when the arrangement is portable.</summary>
    public string SchoolId { get; private set; } = "";
    public string Kind { get; private set; } = "";
    public DateOnly StartsOn { get; private set; }
    public DateOnly? EndedOn { get; private set; }
    public PlacementStatus Status { get; private set; }
    /// <summary>A collective place given instead of an individual decision (the headline indicator).</summary>
    public bool ReplacedIndividualDecision { get; private set; }
    public DateTimeOffset PlacedAt { get; private set; }

    private Placement() { }

    public static Placement In(Arrangement arrangement, Guid requestId, Guid caseId, string childReference, string homeMunicipality,
        string? schoolId, DateTimeOffset now)
    {
        var today = DutchTime.DateOf(now);
        return new Placement
        {
            Id = Guid.CreateVersion7(now), ArrangementId = arrangement.Id, RequestId = requestId, CaseId = caseId,
            ChildReference = childReference, HomeMunicipality = homeMunicipality, SchoolId = schoolId ?? arrangement.LocationOrganisationId ?? "",
            Kind = arrangement.Kind, StartsOn = today > arrangement.StartsOn ? today : arrangement.StartsOn,
            Status = PlacementStatus.Active, ReplacedIndividualDecision = arrangement.Kind == ArrangementKinds.Collective, PlacedAt = now,
        };
    }

    public void MoveTo(string schoolId) => SchoolId = schoolId;

    public void End(DateOnly on)
    {
        Status = PlacementStatus.Ended;
        EndedOn = on;
    }
}
