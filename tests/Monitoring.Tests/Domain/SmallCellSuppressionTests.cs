using Platform.Monitoring.Domain;
using Group = Platform.Monitoring.Domain.SmallCellSuppression.Group<string>;

namespace Platform.Monitoring.Tests.Domain;

public sealed class SmallCellSuppressionTests
{
    [Theory]
    [InlineData(0, "<5")]
    [InlineData(1, "<5")]
    [InlineData(4, "<5")]
    [InlineData(5, "5")]
    [InlineData(123, "123")]
    public void Counts_below_five_are_shown_as_less_than_five(int count, string shown) =>
        Assert.Equal(shown, SmallCellSuppression.Show(count));

    [Fact]
    public void A_single_small_part_takes_its_smallest_neighbour_with_it_so_the_total_cannot_reveal_it()
    {
        var counts = new Dictionary<string, int> { ["region"] = 21, ["a"] = 12, ["b"] = 7, ["c"] = 2 };
        var hidden = SmallCellSuppression.Hide(counts, [new Group("region", ["a", "b", "c"])]);
        Assert.Equal(["b", "c"], hidden.Order());
    }

    [Fact]
    public void Two_small_parts_protect_each_other_and_a_zero_needs_no_protection()
    {
        Assert.Equal(["b", "c"], SmallCellSuppression.Hide(new Dictionary<string, int> { ["region"] = 17, ["a"] = 12, ["b"] = 3, ["c"] = 2 },
            [new Group("region", ["a", "b", "c"])]).Order());
        // An empty part is shown as "<5" but reveals no child: it does not force a neighbour to be hidden.
        Assert.Equal(["c"], SmallCellSuppression.Hide(new Dictionary<string, int> { ["region"] = 19, ["a"] = 12, ["b"] = 7, ["c"] = 0 },
            [new Group("region", ["a", "b", "c"])]).Order());
    }

    [Fact]
    public void A_hidden_total_never_has_all_its_parts_shown_or_it_would_be_their_sum()
    {
        // Region 20 = west 12 + south 4 + east 4: south and east hide each other. East = its two municipalities 2 + 2,
        // both small; west's municipalities 6 and 6 would add up to the hidden... no: west is shown. Now make a
        // sub-region hidden only as a complement: its municipalities must not all stay shown.
        var counts = new Dictionary<string, int>
        {
            ["region"] = 30, ["west"] = 20, ["south"] = 7, ["east"] = 3,
            ["w1"] = 10, ["w2"] = 10, ["s1"] = 5, ["s2"] = 2, ["e1"] = 3,
        };
        var hidden = SmallCellSuppression.Hide(counts,
        [
            new Group("region", ["west", "south", "east"]),
            new Group("west", ["w1", "w2"]), new Group("south", ["s1", "s2"]), new Group("east", ["e1"]),
        ]);
        // east (3) is small; south (7) is its complement; s2 (2) is small, and with south hidden s1 need not be.
        Assert.Contains("east", hidden);
        Assert.Contains("south", hidden);
        Assert.Contains("s2", hidden);
        Assert.DoesNotContain("west", hidden);
        Assert.DoesNotContain("w1", hidden);
        AssertNoCellRecomputable(counts, hidden, [("region", ["west", "south", "east"]), ("west", ["w1", "w2"]), ("south", ["s1", "s2"]), ("east", ["e1"])]);
    }

    [Fact]
    public void Rows_and_columns_both_protect_a_hidden_cell()
    {
        // Exemptions by municipality (rows) and article (columns), with totals both ways.
        var counts = new Dictionary<string, int>
        {
            ["T*"] = 23, ["Ta"] = 15, ["Tc"] = 8,
            ["A*"] = 13, ["Aa"] = 10, ["Ac"] = 3,
            ["B*"] = 10, ["Ba"] = 5, ["Bc"] = 5,
        };
        (string, string[])[] groups = [("T*", ["A*", "B*"]), ("Ta", ["Aa", "Ba"]), ("Tc", ["Ac", "Bc"]), ("T*", ["Ta", "Tc"]), ("A*", ["Aa", "Ac"]), ("B*", ["Ba", "Bc"])];
        var hidden = SmallCellSuppression.Hide(counts, [.. groups.Select(g => new Group(g.Item1, g.Item2))]);
        Assert.Contains("Ac", hidden);
        AssertNoCellRecomputable(counts, hidden, groups);
    }

    /// <summary>No hidden non-zero cell equals a published total minus its other, published parts.</summary>
    private static void AssertNoCellRecomputable(Dictionary<string, int> counts, HashSet<string> hidden, IEnumerable<(string Total, string[] Parts)> groups)
    {
        foreach (var (total, parts) in groups)
        {
            if (hidden.Contains(total))
            {
                Assert.True(parts.Any(hidden.Contains) || counts[total] == 0, $"{total} is hidden but is the sum of its shown parts.");
                continue;
            }
            var hiddenParts = parts.Where(p => hidden.Contains(p) && counts[p] > 0).ToList();
            Assert.True(hiddenParts.Count != 1, $"{hiddenParts.FirstOrDefault()} = {total} minus the shown parts.");
        }
    }
}
