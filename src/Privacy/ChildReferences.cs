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

    public string For(Bsn bsn)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(bsn.Value));
        return Prefix + Convert.ToHexStringLower(mac);
    }
}
