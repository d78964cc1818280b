using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Platform.PlatformAdmin;

/// <summary>
/// A key pair for <c>private_key_jwt</c>, made on the organisation's own machine: the private key stays there (a PEM
/// file only its owner may read), the public key goes to the region's office as a JSON Web Key Set. RSA 3072 with RS256,
/// which every OAuth client library can sign with; the key id is the key's RFC 7638 thumbprint.
/// </summary>
public static class KeyPairs
{
    public sealed record Written(string PrivateKeyFile, string JwksFile, string KeyId);

    public static Written Create(string prefix)
    {
        using var rsa = RSA.Create(3072);
        var jwk = PublicJwk(rsa.ExportParameters(includePrivateParameters: false));
        var privateFile = $"{prefix}.private.pem";
        var jwksFile = $"{prefix}.jwks.json";
        // Created new (never over an existing key) and readable by its owner only from the first byte.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var writer = new StreamWriter(privateFile, options);
            writer.Write(rsa.ExportPkcs8PrivateKeyPem());
        }
        catch (IOException) when (File.Exists(privateFile))
        {
            throw new AdminException($"{privateFile} exists: a key is never overwritten. Choose another --out.");
        }
        File.WriteAllText(jwksFile, JsonSerializer.Serialize(new { keys = new[] { jwk } }, new JsonSerializerOptions { WriteIndented = true }));
        return new Written(privateFile, jwksFile, jwk["kid"]);
    }

    public static Dictionary<string, string> PublicJwk(RSAParameters key)
    {
        var n = Base64Url(key.Modulus!);
        var e = Base64Url(key.Exponent!);
        // RFC 7638: the required members in lexicographic order, no white space.
        var thumbprint = Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes($"{{\"e\":\"{e}\",\"kty\":\"RSA\",\"n\":\"{n}\"}}")));
        return new Dictionary<string, string> { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = thumbprint, ["n"] = n, ["e"] = e };
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
