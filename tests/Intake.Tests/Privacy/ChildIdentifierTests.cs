using System.Security.Cryptography;
using Platform.Privacy;

namespace Platform.Intake.Tests.Privacy;

/// <summary>The identifiers of a child without BSN (RULES.md §6: pupils without a BSN get a DUO education number; ADR-0015).</summary>
public sealed class ChildIdentifierTests
{
    private readonly ChildReferences _references = new(RandomNumberGenerator.GetBytes(32));

    [Theory]
    [InlineData("101222331", true)]   // 10…, 11-proof leaves 5
    [InlineData("100252333", false)]  // wrong check digit
    [InlineData("111222333", false)]  // a valid BSN: its 11-proof leaves 0, so it is never an onderwijsnummer
    [InlineData("201222331", false)]  // does not start with 10
    [InlineData("10122233", false)]   // eight digits
    [InlineData("10122233a", false)]
    [InlineData("", false)]
    public void An_onderwijsnummer_is_nine_digits_starting_10_whose_11_proof_leaves_5_RULES_6(string input, bool valid) =>
        Assert.Equal(valid, Onderwijsnummer.TryParse(input, out _));

    [Fact]
    public void No_number_is_both_a_BSN_and_an_onderwijsnummer()
    {
        for (var n = 100_000_000; n < 100_200_000; n++)
        {
            var digits = n.ToString();
            Assert.False(Bsn.TryParse(digits, out _) && Onderwijsnummer.TryParse(digits, out _), digits);
        }
    }

    [Fact]
    public void Kinds_never_collide_and_a_BSN_keeps_the_reference_it_had_ADR_0015()
    {
        Bsn.TryParse("111222333", out var bsn);
        Assert.Equal(_references.For(bsn), _references.For(ChildIdentifier.Of(bsn)));
        var sameDigits = new[] { ChildIdentifierKind.Bsn, ChildIdentifierKind.Onderwijsnummer, ChildIdentifierKind.PlatformChildId }
            .Select(kind => _references.For(new ChildIdentifier(kind, "101222331"))).ToList();
        Assert.Equal(3, sameDigits.Distinct().Count());
        Assert.All(sameDigits, r => Assert.StartsWith(ChildReferences.Prefix, r));
    }

    [Fact]
    public void Only_an_issued_platform_child_id_verifies_under_the_regions_key_ADR_0015()
    {
        var id = _references.IssuePlatformChildId();
        Assert.True(_references.IsIssuedPlatformChildId(id));
        Assert.NotEqual(id, _references.IssuePlatformChildId());
        Assert.False(_references.IsIssuedPlatformChildId(id[..^1] + (id[^1] == 'a' ? 'b' : 'a')));
        Assert.False(new ChildReferences(RandomNumberGenerator.GetBytes(32)).IsIssuedPlatformChildId(id));
        Assert.False(_references.IsIssuedPlatformChildId(ChildReferences.PlatformChildIdPrefix + new string('0', 24)));
        Assert.False(_references.IsIssuedPlatformChildId(id.ToUpperInvariant()));
    }

    [Fact]
    public void A_request_names_exactly_one_identifier_and_each_error_names_its_field()
    {
        var errors = new List<string>();
        Assert.Null(ChildIdentifier.Read(null, null, null, _references, (f, _) => errors.Add(f)));
        Assert.Equal(["child.bsn", "child.onderwijsnummer", "child.platformChildId"], errors);

        errors.Clear();
        Assert.Null(ChildIdentifier.Read("111222333", "101222331", null, _references, (f, _) => errors.Add(f)));
        Assert.Equal(["child.bsn", "child.onderwijsnummer"], errors);

        errors.Clear();
        Assert.Equal(new ChildIdentifier(ChildIdentifierKind.Onderwijsnummer, "101222331"),
            ChildIdentifier.Read(null, " 101222331 ", null, _references, (f, _) => errors.Add(f)));
        Assert.Empty(errors);
        Assert.DoesNotContain("101222331", new ChildIdentifier(ChildIdentifierKind.Onderwijsnummer, "101222331").ToString());
    }
}
