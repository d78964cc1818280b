using System.Security.Cryptography;
using System.Text;

namespace Platform.Privacy;

/// <summary>
/// Makes the pseudonymous child reference that events and non-identifying services use instead
/// of the BSN: HMAC-SHA256 of the BSN under a regional secret key. The same child gets the same
/// reference in every service that holds the key, so services can link their facts, while
/// anyone without the key cannot go back from reference to BSN (a plain hash of the 10^9 possible
/// BSNs could be reversed by trying them all).
/// </summary>
public sealed class ChildReferences
{
    /// <summary>Prefix naming the scheme and key generation, so a key rotation can be told apart.</summary>
    public const string Prefix = "cr1-";
    private readonly byte[] _key;

    public ChildReferences(byte[] key)
    {
        if (key.Length < 32)
            throw new ArgumentException("The child reference key must be at least 256 bits.", nameof(key));
        _key = key;
    }

    /// <summary>Reads the key from base64 configuration (<c>Privacy:ChildReferenceKey</c>).</summary>
    public static ChildReferences FromBase64Key(string? base64Key)
    {
        if (string.IsNullOrWhiteSpace(base64Key))
            throw new InvalidOperationException(
                "Privacy:ChildReferenceKey is not configured. It is a secret of at least 32 random bytes, base64-encoded, " +
                "shared by every service that pseudonymises BSNs (see docs/operations.md).");
        return new ChildReferences(Convert.FromBase64String(base64Key));
    }

    public string For(Bsn bsn) => Reference(bsn.Value);

    /// <summary>
    /// The reference for any kind of identifier (ADR-0015). A BSN's is unchanged (the HMAC of its nine digits, so every
    /// reference made before stays valid); the other kinds hash their kind's label with the value
    /// (<c>onderwijsnummer:…</c>, <c>platform:…</c>), which is never nine bare digits: kinds never collide.
    /// </summary>
    public string For(ChildIdentifier child) => child.Kind switch
    {
        ChildIdentifierKind.Bsn => Reference(child.Value),
        ChildIdentifierKind.Onderwijsnummer => Reference("onderwijsnummer:" + child.Value),
        ChildIdentifierKind.PlatformChildId => Reference("platform:" + child.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(child)),
    };

    private string Reference(string input) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(input)));

    /// <summary>Prefix of a platform child id: an id the platform issues to a child with neither BSN nor onderwijsnummer.</summary>
    public const string PlatformChildIdPrefix = "pc1-";

    /// <summary>
    /// Issues a platform child id (ADR-0015): 64 random bits and a 32-bit check code keyed with the region's key, so
    /// every service holding the key can tell an issued id from a made-up one without asking the issuer.
    /// </summary>
    public string IssuePlatformChildId()
    {
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return PlatformChildIdPrefix + random + Check(random);
    }

    public bool IsIssuedPlatformChildId(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return false;
        id = id.Trim();
        if (id.Length != PlatformChildIdPrefix.Length + 24 || !id.StartsWith(PlatformChildIdPrefix, StringComparison.Ordinal)) return false;
        var body = id[PlatformChildIdPrefix.Length..];
        if (!body.All(char.IsAsciiHexDigitLower)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Check(body[..16])), Encoding.ASCII.GetBytes(body[16..]));
    }

    private string Check(string random) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes("platform-child-id:" + random)))[..8];
}
