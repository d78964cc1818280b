using Platform.DemoRegion;
using Platform.Funding.Domain;

namespace Platform.Funding.Tests;

/// <summary>
/// The demo directory's TLV experts as Funding's copy has them (SouthLimburg.Experts), for tests that make a TLV in the
/// domain. Drs. B. Peters (Horizon, orthopedagoog, no board) and Dr. E. Maas (JGZ, arts) are independent of De Linde.
/// </summary>
internal static class DemoExperts
{
    public const string Peters = "horizon-b-peters", Maas = "jgz-e-maas", Janssen = "horizon-a-janssen";

    /// <summary>De Linde's board (bevoegd gezag) in the demo directory.</summary>
    public static string DeLindeBoard => SouthLimburg.Organisations().Single(o => o.Id == "school-bs-de-linde").BoardId!;

    public static AdvisingExpert Of(string personId)
    {
        var e = SouthLimburg.Experts.Single(x => x.PersonId == personId);
        return new AdvisingExpert(e.PersonId, e.OrganisationId, e.BoardId, e.Disciplines, true);
    }
}
