using Microsoft.Extensions.Options;

namespace Platform.Audit.Domain;

/// <summary>
/// The keys of the access log's hash chain, from configuration (a secret), never from the database:
/// someone who can write the table but does not hold the key cannot re-hash a changed chain.
/// </summary>
public sealed class ChainKeys
{
    private readonly Dictionary<string, byte[]> _keys;

    public ChainKeys(IReadOnlyDictionary<string, byte[]> keys, string currentId)
    {
        _keys = new Dictionary<string, byte[]>(keys, StringComparer.Ordinal);
        if (!_keys.ContainsKey(currentId))
            throw new InvalidOperationException($"Audit:ChainKeyId '{currentId}' names no key in Audit:ChainKeys.");
        CurrentId = currentId;
    }

    public string CurrentId { get; }

    public byte[] Current => _keys[CurrentId];

    public byte[]? Find(string id) => _keys.GetValueOrDefault(id);

    public static ChainKeys From(IOptions<AuditOptions> options)
    {
        var o = options.Value;
        if (o.ChainKeys.Count == 0 || o.ChainKeyId.Length == 0)
            throw new InvalidOperationException("Audit:ChainKeys and Audit:ChainKeyId are required: the access log's chain is keyed (docs/security.md).");
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, base64) in o.ChainKeys)
        {
            var key = Convert.FromBase64String(base64);
            if (key.Length < 32) throw new InvalidOperationException($"Audit:ChainKeys:{id} must be at least 32 bytes (base64).");
            if (id.Length > 20) throw new InvalidOperationException($"Audit:ChainKeys id '{id}' is longer than 20 characters.");
            keys[id] = key;
        }
        return new ChainKeys(keys, o.ChainKeyId);
    }
}
