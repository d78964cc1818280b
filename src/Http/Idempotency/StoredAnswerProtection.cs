using System.Security.Cryptography;

namespace Platform.Http.Idempotency;

/// <summary>
/// How a service keeps the answers stored for retries (<see cref="IdempotentRequest.Body"/>) unreadable
/// in its database: they may hold a child's data (#25 point 6). Registered, it is used for every answer
/// the service stores; without one, answers are stored as sent.
/// </summary>
public interface IStoredAnswerProtection
{
    byte[] Protect(byte[] answer);

    /// <summary>The answer as sent. A row stored before protection was switched on (no marker) is returned as it is.</summary>
    byte[] Unprotect(byte[] stored);
}

/// <summary>AES-256-GCM with a key of the service's own: a marker, a random nonce, the tag, then the ciphertext.</summary>
public sealed class AesGcmStoredAnswers : IStoredAnswerProtection
{
    private static readonly byte[] Marker = "ia1:"u8.ToArray();
    private const int NonceSize = 12, TagSize = 16;
    private readonly byte[] _key;

    public AesGcmStoredAnswers(byte[] key)
    {
        if (key.Length != 32) throw new ArgumentException("A 256-bit key.", nameof(key));
        _key = key;
    }

    /// <summary>A key for stored answers derived from a service secret (HKDF-SHA256), apart from every other use of that secret.</summary>
    public static AesGcmStoredAnswers DerivedFrom(byte[] secret) =>
        new(HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: "platform/idempotency-answers/v1"u8.ToArray()));

    public byte[] Protect(byte[] answer)
    {
        var result = new byte[Marker.Length + NonceSize + TagSize + answer.Length];
        Marker.CopyTo(result, 0);
        var nonce = result.AsSpan(Marker.Length, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, answer, result.AsSpan(Marker.Length + NonceSize + TagSize), result.AsSpan(Marker.Length + NonceSize, TagSize));
        return result;
    }

    public byte[] Unprotect(byte[] stored)
    {
        if (!stored.AsSpan().StartsWith(Marker)) return stored;
        if (stored.Length < Marker.Length + NonceSize + TagSize) throw new CryptographicException("A stored answer cut short.");
        var plain = new byte[stored.Length - Marker.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(stored.AsSpan(Marker.Length, NonceSize), stored.AsSpan(Marker.Length + NonceSize + TagSize),
            stored.AsSpan(Marker.Length + NonceSize, TagSize), plain);
        return plain;
    }
}
