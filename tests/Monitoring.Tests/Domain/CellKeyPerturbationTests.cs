using Platform.Monitoring.Domain;

namespace Platform.Monitoring.Tests.Domain;

/// <summary>The cell-key method's arithmetic (issue #25 point 9, ADR-0014; docs/monitoring.md "Disclosure control").</summary>
public sealed class CellKeyPerturbationTests
{
    private static readonly CellKeyPerturbation Method = new([.. Enumerable.Range(0, 32).Select(i => (byte)(i * 11 + 3))]);

    private static uint CellKey(IEnumerable<string> contributors) =>
        contributors.Aggregate(0u, (key, c) => unchecked(key + Method.RecordKey(c)));

    [Fact]
    public void A_published_count_is_within_2_of_the_truth_and_never_below_5()
    {
        for (var t = SmallCellSuppression.Threshold; t < 40; t++)
            for (var n = 0; n < 200; n++)
            {
                var published = CellKeyPerturbation.Perturb(t, CellKey([$"fact:{t}:{n}"]));
                Assert.InRange(published, Math.Max(SmallCellSuppression.Threshold, t - CellKeyPerturbation.MaxNoise), t + CellKeyPerturbation.MaxNoise);
            }
        // A published 5 stays ambiguous: 5, 6 and 7 all publish as 5 for some cell key.
        var fives = Enumerable.Range(5, 3).Where(t => Enumerable.Range(0, 200).Any(n => CellKeyPerturbation.Perturb(t, CellKey([$"c{n}"])) == 5));
        Assert.Equal([5, 6, 7], fives);
    }

    [Fact]
    public void The_same_contributors_in_any_order_give_the_same_figure_and_one_more_draws_another_noise()
    {
        string[] cell = ["referrals-received:a", "referrals-received:b", "referrals-received:c", "referrals-received:d", "referrals-received:e", "referrals-received:f"];
        Assert.Equal(CellKey(cell), CellKey(cell.Reverse()));
        Assert.Equal(CellKeyPerturbation.Perturb(6, CellKey(cell)), CellKeyPerturbation.Perturb(6, CellKey(cell.Reverse())));
        // Adding one contributor changes the cell key by its record key: over many additions, every noise occurs.
        var noises = Enumerable.Range(0, 500).Select(n => CellKeyPerturbation.Perturb(7, CellKey([.. cell, $"referrals-received:new-{n}"])) - 7).ToHashSet();
        Assert.Equal([-2, -1, 0, 1, 2], noises.Order());
    }

    [Fact]
    public void The_noise_follows_the_table_with_mean_zero()
    {
        var noises = Enumerable.Range(0, 20_000).Select(n => CellKeyPerturbation.Noise(CellKey([$"subject:{n}"]))).ToList();
        foreach (var (noise, share) in new[] { (-2, 0.1), (-1, 0.2), (0, 0.4), (1, 0.2), (2, 0.1) })
            Assert.InRange(noises.Count(x => x == noise) / 20_000.0, share - 0.02, share + 0.02);
        Assert.InRange(noises.Average(), -0.05, 0.05);
    }

    [Fact]
    public void Another_secret_gives_other_record_keys_and_production_needs_one()
    {
        var other = new CellKeyPerturbation([.. Enumerable.Range(0, 32).Select(i => (byte)(i * 5 + 1))]);
        Assert.NotEqual(Method.RecordKey("referrals-received:x"), other.RecordKey("referrals-received:x"));
        Assert.Throws<InvalidOperationException>(() => CellKeyPerturbation.FromConfiguration(null, production: true));
        Assert.Throws<ArgumentException>(() => new CellKeyPerturbation(new byte[16]));
        Assert.Equal(new CellKeyPerturbation(CellKeyPerturbation.DevelopmentKey).RecordKey("x"), CellKeyPerturbation.FromConfiguration(null, production: false).RecordKey("x"));
    }
}
