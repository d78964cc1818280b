using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Monitoring.Domain;

/// <summary>
/// The cell-key method (ABS, ONS, Destatis): every published count of children gets a small noise
/// that is a function of <em>who is in the cell</em>, so
/// <list type="bullet">
/// <item>the same cell (the same contributors) always shows the same value: in the JSON, the CSV, the
/// page, a baseline, another period, a poll an hour later. Asking again, or the same cell in another
/// table, never averages the noise away;</item>
/// <item>a cell with one contributor more or less draws an unrelated noise, so the difference of two
/// published figures (a total minus its parts, a year minus its months, now minus a baseline, one poll
/// minus the previous) is the true difference plus noise of up to ±2 per figure: it never pins a count.</item>
/// </list>
/// Each contributor (a fact's key, a subject's id: pseudonymous ids, never a child reference) gets a
/// <em>record key</em>: 32 bits of HMAC-SHA256 under the monitor's secret key; a cell's key is the
/// sum of its contributors' record keys modulo 2^32, uniform whatever the contributors, and the noise
/// is read from <see cref="NoiseTable"/> at that key. The key is secret so that nobody who knows some
/// contributors' ids can work out a cell's noise (docs/monitoring.md, ADR-0014).
/// </summary>
public sealed class CellKeyPerturbation
{
    /// <summary>The largest noise, up or down: a published count is within this of the true count.</summary>
    public const int MaxNoise = 2;

    /// <summary>Noise −2..+2 with probabilities 10, 20, 40, 20, 10 %: mean 0, variance 1.2.</summary>
    public static readonly IReadOnlyList<(int Noise, double UpTo)> NoiseTable = [(-2, 0.1), (-1, 0.3), (0, 0.7), (1, 0.9), (2, 1.0)];

    /// <summary>The configuration key of the secret (base64 of at least 32 random bytes).</summary>
    public const string SecretSetting = "Monitoring:CellKeySecret";

    /// <summary>Only outside production, when no secret is configured: a key anyone can read, so never in production.</summary>
    internal static readonly byte[] DevelopmentKey = Encoding.ASCII.GetBytes("development-only-monitoring-cell-key-not-for-production");

    private readonly byte[] _key;

    public CellKeyPerturbation(byte[] key)
    {
        if (key.Length < 32) throw new ArgumentException("The cell-key secret must be at least 256 bits.", nameof(key));
        _key = key;
    }

    /// <summary>The secret from configuration; without one, production refuses to start and other environments use <see cref="DevelopmentKey"/>.</summary>
    public static CellKeyPerturbation FromConfiguration(string? base64, bool production)
    {
        if (!string.IsNullOrWhiteSpace(base64)) return new(Convert.FromBase64String(base64));
        if (production)
            throw new InvalidOperationException($"{SecretSetting} is not configured. It is a secret of at least 32 random bytes, base64-encoded, " +
                "of the monitor alone (docs/deploy.md); without it published figures could be de-noised.");
        return new(DevelopmentKey);
    }

    /// <summary>
    /// Record keys made so far: a page computes 13 periods of ~30 indicators over the same contributors.
    /// Bounded by the contributors the monitor knows (a region's thousands a year), as the read model is.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, uint> _recordKeys = new(StringComparer.Ordinal);

    /// <summary>A contributor's record key: 32 bits of HMAC-SHA256 of its id under the secret.</summary>
    public uint RecordKey(string contributor) => _recordKeys.GetOrAdd(contributor,
        static (c, key) => BinaryPrimitives.ReadUInt32BigEndian(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(c))), _key);

    /// <summary>The noise for a cell key (the sum of its contributors' record keys, modulo 2^32).</summary>
    public static int Noise(uint cellKey)
    {
        var u = cellKey / 4294967296.0;
        foreach (var (noise, upTo) in NoiseTable)
            if (u < upTo) return noise;
        return NoiseTable[^1].Noise;
    }

    /// <summary>
    /// The published value of a cell that is shown (its true value is at least the threshold): the
    /// true value plus the cell's noise, reflected upwards where it would fall below the threshold
    /// (a shown count is never below 5, and 5 stays ambiguous: it may be 5, 6 or 7).
    /// </summary>
    public static double Perturb(double value, uint cellKey)
    {
        var noise = Noise(cellKey);
        return value + noise < SmallCellSuppression.Threshold ? value - noise : value + noise;
    }
}
