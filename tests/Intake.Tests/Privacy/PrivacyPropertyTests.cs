using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Platform.Privacy;
using Platform.Http;

namespace Platform.Intake.Tests.Privacy;

/// <summary>
/// Property-based tests (CsCheck) where parsing is not trivial: the BSN's 11-proof, the child
/// reference, and the platform's body limits that every service applies to raw JSON.
/// </summary>
public sealed class PrivacyPropertyTests
{
    private static readonly Gen<string> NineDigits = Gen.Int[0, 999_999_999].Select(i => i.ToString("D9", CultureInfo.InvariantCulture));
    /// <summary>Eight random digits and the ninth that makes them pass (none when it would have to be 10).</summary>
    private static readonly Gen<string> ValidBsn = Gen.Int[0, 99_999_999].Select(i => i.ToString("D8", CultureInfo.InvariantCulture))
        .Select(eight => eight + (eight.Select((c, i) => (9 - i) * (c - '0')).Sum() % 11).ToString(CultureInfo.InvariantCulture))
        .Where(digits => digits.Length == 9 && Passes11Proof(digits));

    /// <summary>The 11-proof written again, independently: Σ wᵢ·dᵢ with weights 9…2 and −1, a non-zero multiple of 11.</summary>
    private static bool Passes11Proof(string digits)
    {
        int[] weights = [9, 8, 7, 6, 5, 4, 3, 2, -1];
        var sum = digits.Select((c, i) => weights[i] * (c - '0')).Sum();
        return sum != 0 && sum % 11 == 0;
    }

    [Fact]
    public void Nine_digits_are_a_BSN_exactly_when_they_pass_the_11_proof() =>
        NineDigits.Sample(digits => Bsn.TryParse(digits, out _) == Passes11Proof(digits), iter: 200_000);

    [Fact]
    public void Any_single_digit_typing_error_in_a_BSN_is_caught() =>
        Gen.Select(ValidBsn, Gen.Int[0, 8], Gen.Int[1, 9]).Sample((bsn, position, shift) =>
        {
            var wrong = bsn.ToCharArray();
            wrong[position] = (char)('0' + ((wrong[position] - '0' + shift) % 10));
            return !Bsn.TryParse(new string(wrong), out _);
        });

    [Fact]
    public void Swapping_two_different_neighbouring_digits_of_a_BSN_is_caught() =>
        Gen.Select(ValidBsn, Gen.Int[0, 7]).Where((bsn, i) => bsn[i] != bsn[i + 1]).Sample((bsn, i) =>
        {
            var swapped = bsn.ToCharArray();
            (swapped[i], swapped[i + 1]) = (swapped[i + 1], swapped[i]);
            return !Bsn.TryParse(new string(swapped), out _);
        });

    [Fact]
    public void Anything_but_nine_or_eight_digits_is_no_BSN() =>
        Gen.String.Where(s => !(s.Trim().Length is 8 or 9 && s.Trim().All(char.IsAsciiDigit)))
            .Sample(text => !Bsn.TryParse(text, out _));

    [Fact]
    public void A_BSN_never_shows_itself_when_written_out() =>
        ValidBsn.Sample(digits => Bsn.TryParse(digits, out var bsn) && !bsn.ToString().Contains(digits, StringComparison.Ordinal)
                                  && !$"{bsn}".Any(char.IsAsciiDigit));

    [Fact]
    public void A_child_reference_is_stable_per_key_differs_between_keys_and_does_not_contain_the_BSN()
    {
        var first = new ChildReferences(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        var second = new ChildReferences(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        ValidBsn.Sample(digits =>
        {
            Bsn.TryParse(digits, out var bsn);
            var reference = first.For(bsn);
            return reference == first.For(bsn) && reference != second.For(bsn) && !reference.Contains(digits, StringComparison.Ordinal)
                   && reference.StartsWith(ChildReferences.Prefix, StringComparison.Ordinal);
        }, iter: 20_000);
    }

    [Fact]
    public void Different_BSNs_get_different_child_references()
    {
        var references = new ChildReferences(new byte[32]);
        Gen.Select(ValidBsn, ValidBsn).Where((a, b) => a != b).Sample((a, b) =>
        {
            Bsn.TryParse(a, out var x);
            Bsn.TryParse(b, out var y);
            return references.For(x) != references.For(y);
        }, iter: 20_000);
    }

    private static readonly Gen<string> PlainText = Gen.String[Gen.Char.AlphaNumeric, 0, 200];

    /// <summary>A random request body within the limits: objects, lists, texts, numbers, dates, up to four levels deep.</summary>
    private static readonly Gen<JsonNode> WithinLimits = Gen.Recursive<JsonNode>((depth, self) => depth >= 4
        ? Gen.OneOf<JsonNode>(PlainText.Select(s => (JsonNode)JsonValue.Create(s)), Gen.Long.Select(l => (JsonNode)JsonValue.Create(l)),
            Gen.Date[new DateTime(1900, 1, 1), new DateTime(2199, 12, 31)].Select(d => (JsonNode)JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))))
        : Gen.OneOf<JsonNode>(
            PlainText.Select(s => (JsonNode)JsonValue.Create(s)),
            Gen.Bool.Select(b => (JsonNode)JsonValue.Create(b)),
            self.Array[0, 5].Select(items => (JsonNode)new JsonArray(items)),
            Gen.Select(PlainText.Array[0, 5], self.Array[5]).Select((names, values) =>
            {
                var o = new JsonObject();
                foreach (var (name, value) in names.Distinct().Zip(values)) o[name] = value;
                return (JsonNode)o;
            })));

    [Fact]
    public void A_body_within_the_limits_passes_them() =>
        WithinLimits.Sample(body => JsonBodyLimits.Check(Encoding.UTF8.GetBytes(body.ToJsonString())) is null, iter: 2_000);

    [Fact]
    public void Any_bytes_are_either_judged_or_refused_as_JSON_never_an_other_failure() =>
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            try
            {
                JsonBodyLimits.Check(bytes);
            }
            catch (JsonException)
            {
            }
        }, iter: 20_000);

    [Fact]
    public void A_text_with_a_control_character_anywhere_is_refused_and_named() =>
        Gen.Select(PlainText, Gen.Char[(char)0, (char)31].Where(c => c is not ('\t' or '\n' or '\r')), PlainText).Sample((before, c, after) =>
        {
            var body = new JsonObject { ["child"] = new JsonObject { ["givenName"] = before + c + after } };
            return JsonBodyLimits.Check(Encoding.UTF8.GetBytes(body.ToJsonString())) is ("child.givenName", _);
        });

    [Fact]
    public void A_date_outside_1900_to_2199_is_refused_and_named() =>
        Gen.Int[0, 9999].Where(y => y is < JsonBodyLimits.FirstYear or > JsonBodyLimits.LastYear).Sample(year =>
        {
            var body = new JsonObject { ["periods"] = new JsonArray(new JsonObject { ["endsOn"] = $"{year:D4}-01-01" }) };
            return JsonBodyLimits.Check(Encoding.UTF8.GetBytes(body.ToJsonString())) is ("periods[0].endsOn", _);
        });

    [Fact]
    public void A_list_longer_than_the_limit_is_refused_whatever_it_holds() =>
        Gen.Select(Gen.Int[JsonBodyLimits.MaxListLength + 1, JsonBodyLimits.MaxListLength + 50], Gen.Bool).Sample((length, objects) =>
        {
            var list = new JsonArray([.. Enumerable.Range(0, length).Select(i => objects ? (JsonNode)new JsonObject { ["i"] = i } : JsonValue.Create(i))]);
            return JsonBodyLimits.Check(Encoding.UTF8.GetBytes(new JsonObject { ["participants"] = list }.ToJsonString())) is ("participants", _);
        }, iter: 50);
}
