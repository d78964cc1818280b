using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Platform.Http;

namespace Platform.Identity.Clients;

/// <summary>
/// The public keys an organisation registers for <c>private_key_jwt</c> (RFC 7523): it signs a short assertion with its
/// private key for every token request, and only the public half is ever here. Rotation with overlap is a key set with
/// the old and the new key (each with its own <c>kid</c>), then one with the new key alone.
/// </summary>
internal static class ClientKeys
{
    public const int MaxKeys = 5;
    private static readonly string[] PrivateParts = ["d", "p", "q", "dp", "dq", "qi", "k"];
    private static readonly string[] Curves = ["P-256", "P-384", "P-521"];

    /// <summary>The key set, or null with the reasons added to <paramref name="v"/> under <paramref name="field"/>.</summary>
    public static JsonWebKeySet? Read(JsonElement? jwks, Validation v, string field)
    {
        if (jwks is not { ValueKind: JsonValueKind.Object } json || !json.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            v.Add(field, "A JSON Web Key Set: {\"keys\": [ ...public keys... ]}.");
            return null;
        }
        var count = keys.GetArrayLength();
        if (count is 0 or > MaxKeys)
        {
            v.Add($"{field}.keys", $"One to {MaxKeys} public keys.");
            return null;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var key in keys.EnumerateArray())
        {
            var at = $"{field}.keys[{i++}]";
            if (key.ValueKind != JsonValueKind.Object) { v.Add(at, "A JSON Web Key (an object)."); continue; }
            // A private key sent here has left its owner: refuse it, so that it is replaced rather than used.
            // Compared without case: the JWK reader takes "D" for "d" as well.
            if (key.EnumerateObject().Any(p => PrivateParts.Contains(p.Name, StringComparer.OrdinalIgnoreCase)))
            {
                v.Add(at, "This is (part of) a private or secret key. Register only the public key; the private key has now been shared, so make a new key pair.");
                continue;
            }
            var kid = Text(key, "kid");
            if (string.IsNullOrWhiteSpace(kid)) v.Add($"{at}.kid", "Every key needs a key id (kid), so that keys can be rotated with overlap.");
            else if (!ids.Add(kid)) v.Add($"{at}.kid", $"The key id '{kid}' is used twice.");
            if (Text(key, "use") is { } use && use != "sig") v.Add($"{at}.use", "A signing key (use: sig).");
            switch (Text(key, "kty"))
            {
                case "RSA":
                    var modulus = Text(key, "n");
                    if (modulus is null || Text(key, "e") is null) v.Add(at, "An RSA key needs n and e.");
                    else if (Base64UrlBytes(modulus) * 8 < 2048) v.Add($"{at}.n", "RSA keys of at least 2048 bits.");
                    break;
                case "EC":
                    if (!Curves.Contains(Text(key, "crv"))) v.Add($"{at}.crv", $"One of: {string.Join(", ", Curves)}.");
                    if (Text(key, "x") is null || Text(key, "y") is null) v.Add(at, "An EC key needs x and y.");
                    break;
                default:
                    v.Add($"{at}.kty", "RSA or EC.");
                    break;
            }
        }
        if (!v.IsValid) return null;
        try
        {
            var set = new JsonWebKeySet(json.GetRawText());
            if (set.Keys.Any(k => k.HasPrivateKey || k.D is not null || k.K is not null))
            {
                v.Add(field, "This set holds a private or secret key. Register only the public keys; make a new key pair.");
                return null;
            }
            return set;
        }
        catch (ArgumentException)
        {
            v.Add(field, "Not a JSON Web Key Set that can be read.");
            return null;
        }
    }

    public static IReadOnlyList<string> IdsOf(JsonWebKeySet? keys) => keys is null ? [] : [.. keys.Keys.Select(k => k.Kid).Where(k => k is not null).Order()];

    private static string? Text(JsonElement key, string name) =>
        key.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Base64UrlBytes(string value)
    {
        try { return Base64UrlEncoder.DecodeBytes(value).SkipWhile(b => b == 0).Count(); }
        catch (FormatException) { return 0; }
    }
}
