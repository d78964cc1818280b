namespace Platform.Privacy;

/// <summary>Which number a child is known by (ADR-0015): the BSN, DUO's onderwijsnummer, or an id the platform issued.</summary>
public enum ChildIdentifierKind { Bsn, Onderwijsnummer, PlatformChildId }

/// <summary>
/// The one identifier a request names a child by: exactly one of <c>bsn</c>, <c>onderwijsnummer</c> or
/// <c>platformChildId</c> (ADR-0015). The value is identifying data, so <see cref="ToString"/> names only the kind.
/// </summary>
public readonly record struct ChildIdentifier(ChildIdentifierKind Kind, string Value)
{
    public static ChildIdentifier Of(Bsn bsn) => new(ChildIdentifierKind.Bsn, bsn.Value);

    public string? Bsn => Kind == ChildIdentifierKind.Bsn ? Value : null;
    public string? Onderwijsnummer => Kind == ChildIdentifierKind.Onderwijsnummer ? Value : null;
    public string? PlatformChildId => Kind == ChildIdentifierKind.PlatformChildId ? Value : null;

    public override string ToString() => $"{Kind}(masked)";

    /// <summary>
    /// Reads the three fields of a request's child (their JSON names under <paramref name="prefix"/>): errors name the
    /// field, none and more than one given are named on all of them. The platform child id must be one the platform
    /// issued (its check code verifies under the region's key), so a made-up one is refused.
    /// </summary>
    public static ChildIdentifier? Read(string? bsn, string? onderwijsnummer, string? platformChildId, ChildReferences references,
        Action<string, string> error, string prefix = "child.")
    {
        var given = new[] { bsn, onderwijsnummer, platformChildId }.Count(s => !string.IsNullOrWhiteSpace(s));
        if (given != 1)
        {
            var message = given == 0
                ? "Required: exactly one of bsn, onderwijsnummer (DUO's number for a pupil without BSN) or platformChildId (POST /api/attendance/children)."
                : "Give exactly one of bsn, onderwijsnummer or platformChildId, not more.";
            foreach (var field in new[] { "bsn", "onderwijsnummer", "platformChildId" })
                if (given == 0 || !string.IsNullOrWhiteSpace(field switch { "bsn" => bsn, "onderwijsnummer" => onderwijsnummer, _ => platformChildId }))
                    error(prefix + field, message);
            return null;
        }
        if (!string.IsNullOrWhiteSpace(bsn))
        {
            if (Privacy.Bsn.TryParse(bsn, out var b)) return Of(b);
            error(prefix + "bsn", "Not a valid BSN: 9 digits that pass the 11-proof.");
            return null;
        }
        if (!string.IsNullOrWhiteSpace(onderwijsnummer))
        {
            if (Privacy.Onderwijsnummer.TryParse(onderwijsnummer, out var o)) return new(ChildIdentifierKind.Onderwijsnummer, o.Value);
            error(prefix + "onderwijsnummer", "Not a valid onderwijsnummer: 9 digits starting with 10 whose 11-proof leaves remainder 5 (DUO).");
            return null;
        }
        if (references.IsIssuedPlatformChildId(platformChildId)) return new(ChildIdentifierKind.PlatformChildId, platformChildId!.Trim());
        error(prefix + "platformChildId", "Not a platform child id issued by this region (POST /api/attendance/children issues one).");
        return null;
    }
}
