using System.Security.Cryptography;
using System.Text;
using Platform.Http.Idempotency;

namespace Platform.Intake.Tests.Privacy;

/// <summary>#25 point 6: the answers Intake keeps for Idempotency-Key retries are encrypted with a key of its own.</summary>
public sealed class StoredAnswerProtectionTests
{
    private static readonly byte[] Secret = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    [Fact]
    public void An_answer_reads_back_only_with_the_services_key_and_never_shows_its_content()
    {
        var answer = Encoding.UTF8.GetBytes("""{"child":{"bsn":"111222333","givenName":"Sanne"}}""");
        var protection = AesGcmStoredAnswers.DerivedFrom(Secret);

        var stored = protection.Protect(answer);

        Assert.DoesNotContain("Sanne", Encoding.UTF8.GetString(stored));
        Assert.DoesNotContain("111222333", Encoding.UTF8.GetString(stored));
        Assert.NotEqual(stored, protection.Protect(answer));  // a fresh nonce each time
        Assert.Equal(answer, protection.Unprotect(stored));
        var rotated = AesGcmStoredAnswers.DerivedFrom([.. Secret.Select(b => (byte)(b ^ 0xFF))]);
        Assert.ThrowsAny<CryptographicException>(() => rotated.Unprotect(stored));
        Assert.ThrowsAny<CryptographicException>(() => protection.Unprotect(stored[..10]));
    }

    [Fact]
    public void An_answer_stored_before_protection_was_switched_on_is_read_as_it_is() =>
        Assert.Equal("{}"u8.ToArray(), AesGcmStoredAnswers.DerivedFrom(Secret).Unprotect("{}"u8.ToArray()));
}
