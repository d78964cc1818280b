using Platform.Monitoring.Domain;

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
    public void A_single_small_cell_takes_its_smallest_neighbour_with_it_so_the_total_cannot_reveal_it()
    {
        var cells = new Dictionary<string, int> { ["GM0935"] = 12, ["GM0917"] = 7, ["GM1883"] = 2 };

        var shown = SmallCellSuppression.Breakdown(cells, totalIsPublished: true);

        Assert.Equal("12", shown["GM0935"]);
        Assert.Equal("<5", shown["GM0917"]);
        Assert.Equal("<5", shown["GM1883"]);
    }

    [Fact]
    public void Two_or_more_small_cells_protect_each_other()
    {
        var cells = new Dictionary<string, int> { ["GM0935"] = 12, ["GM0917"] = 3, ["GM1883"] = 2 };

        var shown = SmallCellSuppression.Breakdown(cells, totalIsPublished: true);

        Assert.Equal(["12", "<5", "<5"], new[] { shown["GM0935"], shown["GM0917"], shown["GM1883"] });
    }

    [Fact]
    public void Without_a_published_total_only_the_small_cells_are_hidden()
    {
        var cells = new Dictionary<string, int> { ["GM0935"] = 12, ["GM0917"] = 7, ["GM1883"] = 2 };

        var shown = SmallCellSuppression.Breakdown(cells, totalIsPublished: false);

        Assert.Equal("7", shown["GM0917"]);
        Assert.Equal("<5", shown["GM1883"]);
    }
}
