using Platform.Privacy;

namespace Platform.Intake.Tests.Privacy;

public sealed class BsnTests
{
    [Theory]
    [InlineData("111222333")]
    [InlineData("123456782")]
    [InlineData(" 111222333 ")]
    [InlineData("12345672")] // 8 digits: an old BSN written without its leading zero (012345672)
    public void A_number_passing_the_11_proof_is_a_BSN(string input)
    {
        Assert.True(Bsn.TryParse(input, out var bsn));
        Assert.Equal(9, bsn.Value.Length);
    }

    [Theory]
    [InlineData("123456789")] // fails the 11-proof
    [InlineData("111222334")]
    [InlineData("000000000")] // sum 0 is divisible by 11 but not a BSN
    [InlineData("11122233a")]
    [InlineData("1112223330")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not(string? input) => Assert.False(Bsn.TryParse(input, out _));

    [Fact]
    public void A_BSN_never_prints_its_digits()
    {
        Bsn.TryParse("111222333", out var bsn);
        Assert.DoesNotContain("111222333", $"{bsn}");
    }
}
