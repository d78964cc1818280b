using Platform.EndToEnd.Tests;
using Platform.EndToEnd.Tests.Faults;
using Xunit.Sdk;
using Xunit.v3;

// One platform for the whole assembly. The journeys' classes are collections of their own and run in
// parallel on it: they mostly wait for the platform (events through RabbitMQ, a browser), and every
// one makes its own children and records. Three at a time: on the 2-core build machine that keeps the
// platform busy without starving the test modules that run beside this suite in CI.
[assembly: AssemblyFixture(typeof(PlatformFixture))]
[assembly: Parallelization(MaxThreads = 3)]

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The classes that need the platform to themselves, run one after another once the parallel classes
/// are done: what compares the whole platform's state or figures before and after (the hostile bodies'
/// database digest, the monitor's counts and page), what moves a service's clock, and last the fault
/// suite, which kills, pauses and restarts its parts. (The benchmark's smoke runs beside the journeys:
/// BenchSmokeTests says why.)
/// </summary>
[CollectionDefinition(nameof(Quiet), DisableParallelization = true)]
[TestClassOrderer(typeof(FaultsLast))]
public sealed class Quiet;

/// <summary>The fault suite after the other quiet classes: what it breaks, it repairs, but only by its end.</summary>
public sealed class FaultsLast : ITestClassOrderer
{
    public IReadOnlyCollection<TTestClass?> OrderTestClasses<TTestClass>(IReadOnlyCollection<TTestClass?> testClasses)
        where TTestClass : ITestClass =>
        testClasses.OrderBy(c => c?.TestClassName == typeof(FaultInjectionTests).FullName ? 1 : 0)
            .ThenBy(c => c?.TestClassName, StringComparer.Ordinal).ToList();
}
