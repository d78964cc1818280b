using System.Diagnostics.CodeAnalysis;

namespace Platform.Privacy;

/// <summary>
/// Onderwijsnummer: the education number DUO issues to a pupil without a BSN (RULES.md §6). Nine digits, starting
/// with <c>10</c>, whose 11-proof with the BSN's weights (9·d1 + 8·d2 + … + 2·d8 − 1·d9) leaves remainder 5 where a
/// BSN's leaves 0, so one number is never both. The check follows the public description of DUO's rule
/// (nl.wikipedia "Onderwijsnummer", python-stdnum's nl.onderwijsnummer); DUO's own programme of requirements was not
/// at hand (ADR-0015). Identifying data like a BSN: never in events, logs or URLs; <see cref="ToString"/> masks it.
/// </summary>
public readonly struct Onderwijsnummer : IEquatable<Onderwijsnummer>
{
    private readonly string _digits;

    private Onderwijsnummer(string digits) => _digits = digits;

    public string Value => _digits ?? throw new InvalidOperationException("Default Onderwijsnummer has no value.");

    public static bool TryParse([NotNullWhen(true)] string? input, out Onderwijsnummer number)
    {
        number = default;
        if (string.IsNullOrWhiteSpace(input)) return false;
        var digits = input.Trim();
        if (digits.Length != 9 || !digits.All(char.IsAsciiDigit) || !digits.StartsWith("10", StringComparison.Ordinal)) return false;
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += (9 - i) * (digits[i] - '0');
        sum -= digits[8] - '0';
        if (sum % 11 != 5) return false;
        number = new Onderwijsnummer(digits);
        return true;
    }

    public override string ToString() => "*********";

    public bool Equals(Onderwijsnummer other) => string.Equals(_digits, other._digits, StringComparison.Ordinal);
    public override bool Equals(object? obj) => obj is Onderwijsnummer other && Equals(other);
    public override int GetHashCode() => _digits?.GetHashCode(StringComparison.Ordinal) ?? 0;
}
