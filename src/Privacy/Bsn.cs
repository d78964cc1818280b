using System.Diagnostics.CodeAnalysis;

namespace Platform.Privacy;

/// <summary>
/// Burgerservicenummer: the Dutch citizen service number, 9 digits passing the 11-proof
/// (elfproef). A BSN is identifying data: it never appears in events, logs, traces or URLs, and
/// <see cref="ToString"/> masks it so an accidental log line cannot leak it.
/// </summary>
public readonly struct Bsn : IEquatable<Bsn>
{
    private readonly string _digits;

    private Bsn(string digits) => _digits = digits;

    /// <summary>The nine digits, for storage in the one service that holds identifying data.</summary>
    public string Value => _digits ?? throw new InvalidOperationException("Default Bsn has no value.");

    /// <summary>
    /// Accepts 9 digits (8 are taken as having a leading zero, as old BSNs are sometimes written)
    /// that pass the 11-proof: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 and not zero.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? input, out Bsn bsn)
    {
        bsn = default;
        if (string.IsNullOrWhiteSpace(input)) return false;
        var digits = input.Trim();
        if (digits.Length == 8) digits = "0" + digits;
        if (digits.Length != 9 || !digits.All(char.IsAsciiDigit)) return false;

        var sum = 0;
        for (var i = 0; i < 8; i++) sum += (9 - i) * (digits[i] - '0');
        sum -= digits[8] - '0';
        if (sum == 0 || sum % 11 != 0) return false;

        bsn = new Bsn(digits);
        return true;
    }

    public override string ToString() => "*********";

    public bool Equals(Bsn other) => string.Equals(_digits, other._digits, StringComparison.Ordinal);
    public override bool Equals(object? obj) => obj is Bsn other && Equals(other);
    public override int GetHashCode() => _digits?.GetHashCode(StringComparison.Ordinal) ?? 0;
    public static bool operator ==(Bsn left, Bsn right) => left.Equals(right);
    public static bool operator !=(Bsn left, Bsn right) => !left.Equals(right);
}
