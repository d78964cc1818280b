using Platform.Audit.Domain;

namespace Platform.Audit.Apis;

public sealed record AccessReportRequest(string? Bsn, string? ChildReference);

/// <param name="At">When the access happened.</param>
/// <param name="OrganisationId">Who looked.</param>
/// <param name="OrganisationName">Its name, from the directory.</param>
/// <param name="OrganisationType">Its kind (school, municipality, ...).</param>
/// <param name="OnBehalfOf">The person, when a person acted through the portal.</param>
/// <param name="Service">Where.</param>
/// <param name="RecordType">Which data.</param>
/// <param name="RecordId">Which record.</param>
/// <param name="Action">What was done.</param>
/// <param name="Purpose">Under which purpose (the consent's, or the law's).</param>
/// <param name="Explanation">The caller's own words, when given.</param>
/// <param name="Outcome">success, denied, refused or failed.</param>
public sealed record AccessResponse(
    DateTimeOffset At, string OrganisationId, string? OrganisationName, string? OrganisationType, string? OnBehalfOf, string Service,
    string RecordType, string? RecordId, string Action, string Purpose, string? Explanation, string Outcome);

public sealed record AccessReportResponse(string ChildReference, DateTimeOffset GeneratedAt, int Accesses, IReadOnlyList<AccessResponse> Log);

/// <param name="Records">Lines checked.</param>
/// <param name="FirstSequence">The oldest line kept.</param>
/// <param name="LastSequence">The newest line.</param>
/// <param name="Intact">True when no problem was found.</param>
/// <param name="BrokenAt">The first line where the chain or an anchor shows a change or a removal.</param>
/// <param name="AnchorsChecked">Signed checkpoints read from the anchor store and compared with the log.</param>
/// <param name="LastAnchorSequence">The newest anchored line: lines after it are protected by the chain's key only.</param>
/// <param name="LastAnchorAt">When it was anchored.</param>
/// <param name="Problems">What was found, in words, for the privacy officer's report.</param>
public sealed record IntegrityResponse(long Records, long? FirstSequence, long? LastSequence, bool Intact, long? BrokenAt,
    int AnchorsChecked, long? LastAnchorSequence, DateTimeOffset? LastAnchorAt, IReadOnlyList<string> Problems);
