using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Platform.Contracts.Audit;

namespace Platform.Audit.Domain;

/// <summary>
/// One line of the access log (NEN 7513), as the Audit service keeps it: append-only, in a database
/// apart from the data it describes, each line chained to the one before by a hash, so a line
/// changed or removed outside the retention rules shows when the chain is checked.
/// </summary>
public sealed class AuditEntry
{
    public long Sequence { get; private set; }
    public Guid AuditId { get; private set; }
    public string Service { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string RecordType { get; private set; } = "";
    public string? RecordId { get; private set; }
    public string? ChildReference { get; private set; }
    public string OrganisationId { get; private set; } = "";
    public string? OrganisationType { get; private set; }
    public string? ClientId { get; private set; }
    public string? OnBehalfOf { get; private set; }
    public string Purpose { get; private set; } = "";
    public string? Explanation { get; private set; }
    public string Outcome { get; private set; } = "";
    public string? Route { get; private set; }
    public string? TraceId { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string PreviousHash { get; private set; } = "";
    public string Hash { get; private set; } = "";

    /// <summary>
    /// The id of the chain key the hash was made with (HMAC-SHA256); null for lines written before the
    /// chain was keyed (plain SHA-256), which verification reports as unkeyed.
    /// </summary>
    public string? KeyId { get; private set; }

    private AuditEntry() { }

    public static AuditEntry From(AuditRecorded r, string previousHash, DateTimeOffset recordedAt, ChainKeys keys)
    {
        var entry = new AuditEntry
        {
            AuditId = r.AuditId, Service = r.Service, Action = r.Action, RecordType = r.RecordType, RecordId = r.RecordId, ChildReference = r.ChildReference,
            OrganisationId = r.OrganisationId, OrganisationType = r.OrganisationType, ClientId = r.ClientId, OnBehalfOf = r.OnBehalfOf,
            Purpose = r.Purpose, Explanation = r.Explanation, Outcome = r.Outcome, Route = r.Route, TraceId = r.TraceId,
            OccurredAt = ToMicroseconds(r.OccurredAt), RecordedAt = ToMicroseconds(recordedAt), PreviousHash = previousHash,
            KeyId = keys.CurrentId,
        };
        entry.Hash = entry.ComputeHash(keys.Current);
        return entry;
    }

    /// <summary>PostgreSQL keeps microseconds; hashing the 100 ns ticks .NET has would not survive the round trip.</summary>
    private static DateTimeOffset ToMicroseconds(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % (TimeSpan.TicksPerMillisecond / 1000), TimeSpan.Zero);

    /// <summary>
    /// HMAC-SHA256 with the chain key <paramref name="key"/> over every field, the key id and the
    /// previous line's hash; plain SHA-256 (no key id in the text) for a line from before the keyed chain.
    /// </summary>
    public string ComputeHash(byte[]? key)
    {
        var fields = new List<string?> { AuditId.ToString(), Service, Action, RecordType, RecordId, ChildReference, OrganisationId, OrganisationType,
            ClientId, OnBehalfOf, Purpose, Explanation, Outcome, Route, TraceId,
            OccurredAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), PreviousHash };
        if (KeyId is null) return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', fields))));
        fields.Add(KeyId);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key ?? throw new ArgumentNullException(nameof(key)), Encoding.UTF8.GetBytes(string.Join('\u001f', fields))));
    }
}
