using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Village.Samples.NotificationReceiver;

public enum Verdict { Valid, Missing, Malformed, Tampered, Stale, Replayed }

/// <summary>
/// Checks a notification from the platform. The header is
/// <c>Village-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;raw body&gt;")&gt;</c>.
/// A notification is accepted only when the signature matches the raw body (not tampered), its
/// timestamp is within <see cref="Tolerance"/> of now (not stale) and this exact signature has not
/// been seen before (not replayed). A genuine retry by the platform is signed afresh, so it passes;
/// use the <c>deliveryId</c> in the body to process each notification once.
/// </summary>
public sealed class SignatureVerifier(string base64Secret, TimeProvider? clock = null)
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private readonly byte[] _secret = Convert.FromBase64String(base64Secret);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new();

    public Verdict Verify(string? header, string rawBody)
    {
        if (string.IsNullOrEmpty(header)) return Verdict.Missing;
        string? t = null, v1 = null;
        foreach (var part in header.Split(','))
        {
            var kv = part.Split('=', 2);
            if (kv.Length != 2) return Verdict.Malformed;
            if (kv[0].Trim() == "t") t = kv[1].Trim();
            else if (kv[0].Trim() == "v1") v1 = kv[1].Trim();
        }
        if (t is null || v1 is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return Verdict.Malformed;

        byte[] given;
        try { given = Convert.FromHexString(v1); } catch (FormatException) { return Verdict.Malformed; }
        var expected = HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes($"{t}.{rawBody}"));
        if (!CryptographicOperations.FixedTimeEquals(expected, given)) return Verdict.Tampered;

        var now = _clock.GetUtcNow();
        var sent = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((now - sent).Duration() > Tolerance) return Verdict.Stale;

        Forget(now);
        return _seen.TryAdd(v1, sent) ? Verdict.Valid : Verdict.Replayed;
    }

    /// <summary>Signatures older than the tolerance are refused as stale anyway: no need to remember them.</summary>
    private void Forget(DateTimeOffset now)
    {
        foreach (var (signature, sent) in _seen)
            if (now - sent > Tolerance) _seen.TryRemove(signature, out _);
    }
}
