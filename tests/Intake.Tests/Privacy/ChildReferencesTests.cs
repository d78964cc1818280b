using System.Security.Cryptography;
using Platform.Privacy;

namespace Platform.Intake.Tests.Privacy;

public sealed class ChildReferencesTests
{
    private static Bsn Parse(string digits) => Bsn.TryParse(digits, out var bsn) ? bsn : throw new ArgumentException(digits);

    [Fact]
    public void The_same_child_gets_the_same_reference_and_different_children_different_ones()
    {
        var references = new ChildReferences(RandomNumberGenerator.GetBytes(32));

        Assert.Equal(references.For(Parse("111222333")), references.For(Parse("111222333")));
        Assert.NotEqual(references.For(Parse("111222333")), references.For(Parse("123456782")));
    }

    [Fact]
    public void Without_the_key_the_reference_cannot_be_reproduced()
    {
        var regionA = new ChildReferences(RandomNumberGenerator.GetBytes(32));
        var regionB = new ChildReferences(RandomNumberGenerator.GetBytes(32));

        var reference = regionA.For(Parse("111222333"));
        Assert.NotEqual(reference, regionB.For(Parse("111222333")));
        Assert.StartsWith(ChildReferences.Prefix, reference);
        Assert.DoesNotContain("111222333", reference);
    }

    [Fact]
    public void A_short_key_is_refused() =>
        Assert.Throws<ArgumentException>(() => new ChildReferences(new byte[16]));
}
