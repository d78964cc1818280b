using Platform.Bench;
using Platform.Bench.Report;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The benchmark harness (bench/) in its smoke profile against this suite's platform, so it cannot
/// rot without a second platform start in CI. Asserts only that every step produced figures:
/// never a timing (the machine is shared; bench/README.md has the figures and their analysis).
/// It runs beside the journeys, not in the quiet collection: at the smoke profile's rates (a few
/// requests a second, a few seconds a step, a region's year of about twenty journeys) it loads the
/// platform about as much as a few journeys do, and it waits for its own effects (the backlog drained)
/// before it ends, so the quiet classes that compare figures before and after start on a settled
/// platform. Its year's arrangements and placements use a support domain no journey uses.
/// </summary>
public sealed class BenchSmokeTests(PlatformFixture platform, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_step_of_the_smoke_profile_produces_figures()
    {
        var log = new StringWriter();
        BenchReport report;
        try
        {
            report = await BenchRunner.RunAsync(platform.App, BenchProfile.Smoke, log, TestContext.Current.CancellationToken);
        }
        finally
        {
            output.WriteLine(log.ToString());
        }
        output.WriteLine(MarkdownReport.Render(report));

        string[] expected = ["kestrel limit", "rabbitmq limit", "postgres limit", "intake via gateway", "intake direct", "cpu profiles",
            "event latency", "event throughput", "case reads", "indicator reads", "region's year", "monitor after the year", "monitor at scale"];
        Assert.Equal(expected.Order(), report.Steps.Select(s => s.Step).Order());
        Assert.All(report.Steps, step =>
        {
            Assert.True(step.Completed > 0, $"{step.Step}: nothing completed.");
            Assert.True(step.Failed == 0, $"{step.Step}: {step.Failed} failed.");
        });
        Assert.NotEmpty(report.Rows);
    }
}
