using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Platform.Audit.Infrastructure;

/// <summary>
/// A signed checkpoint of the access log's chain: the line <see cref="Sequence"/> had the hash
/// <see cref="Hash"/> at <see cref="At"/>. Kept outside the database, so removing the newest lines,
/// or replacing the whole chain, shows against it.
/// </summary>
public sealed record Checkpoint(long Sequence, string Hash, DateTimeOffset At, string Signature)
{
    public static string Text(long sequence, string hash, DateTimeOffset at) =>
        string.Join('|', "audit-anchor-v1", sequence.ToString(CultureInfo.InvariantCulture), hash, at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));

    public static Checkpoint Sign(long sequence, string hash, DateTimeOffset at, byte[] key) =>
        new(sequence, hash, at, Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Text(sequence, hash, at)))));

    public bool IsSignedWith(byte[] key) => CryptographicOperations.FixedTimeEquals(
        Convert.FromHexString(Sign(Sequence, Hash, At, key).Signature), Signature.Length == 64 && Signature.All(Uri.IsHexDigit) ? Convert.FromHexString(Signature) : new byte[32]);
}

/// <summary>A checkpoint as read back from the store, or why it could not be read.</summary>
public sealed record StoredCheckpoint(string Name, Checkpoint? Checkpoint, string? Unreadable);

/// <summary>Where checkpoints are kept: apart from the audit database (ADR-0008).</summary>
public interface IAnchorStore
{
    /// <summary>Writes <paramref name="checkpoint"/>; a second writer of the same head (another replica) changes nothing.</summary>
    Task WriteAsync(Checkpoint checkpoint, CancellationToken ct);

    Task<IReadOnlyList<StoredCheckpoint>> ReadAllAsync(CancellationToken ct);

    /// <summary>Whether the line <paramref name="sequence"/> is anchored already.</summary>
    Task<bool> HasAsync(long sequence, CancellationToken ct);
}

/// <summary>
/// Checkpoints as files in a folder, one per anchored head, never rewritten: locally a folder under
/// the AppHost's data directory, in Kubernetes a volume on write-once (object-lock) storage.
/// </summary>
public sealed class DirectoryAnchorStore(IOptions<AuditOptions> options) : IAnchorStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private string Folder => options.Value.Anchors.Directory is { Length: > 0 } folder ? folder
        : throw new InvalidOperationException("Audit:Anchors:Directory is not set: the access log's checkpoints need a store outside the database.");

    public async Task WriteAsync(Checkpoint checkpoint, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var name = NameOf(checkpoint.Sequence);
        if (File.Exists(name)) return;
        var temporary = name + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(checkpoint, Json), ct);
        try { File.Move(temporary, name, overwrite: false); }
        catch (IOException) when (File.Exists(name)) { File.Delete(temporary); }
    }

    private string NameOf(long sequence) => Path.Combine(Folder, $"anchor-{sequence.ToString("D19", CultureInfo.InvariantCulture)}.json");

    public Task<bool> HasAsync(long sequence, CancellationToken ct) => Task.FromResult(File.Exists(NameOf(sequence)));

    public async Task<IReadOnlyList<StoredCheckpoint>> ReadAllAsync(CancellationToken ct)
    {
        if (!Directory.Exists(Folder)) return [];
        var stored = new List<StoredCheckpoint>();
        foreach (var file in Directory.GetFiles(Folder, "anchor-*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            try
            {
                var checkpoint = JsonSerializer.Deserialize<Checkpoint>(await File.ReadAllTextAsync(file, ct), Json);
                stored.Add(checkpoint is { Hash: not null, Signature: not null } ? new(name, checkpoint, null) : new(name, null, "empty"));
            }
            catch (JsonException ex) { stored.Add(new(name, null, ex.Message)); }
        }
        return stored;
    }
}
