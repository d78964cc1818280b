using Platform.EndToEnd.Tests.Faults.Control;

namespace Platform.EndToEnd.Tests.Faults.Injected;

/// <summary>
/// One fault, injected while journeys stream in, held for a while, then lifted the way an operator
/// or an orchestrator would lift it. What it saw meanwhile goes into <see cref="FaultContext.Notes"/>.
/// </summary>
public abstract class Fault
{
    /// <summary>The row's name in the table.</summary>
    public abstract string Name { get; }

    /// <summary>How long the fault lasts before it is lifted.</summary>
    public virtual TimeSpan Hold(Profile profile) => profile.Outage;

    /// <summary>
    /// The alert (deploy/base/monitoring/alerts.yaml) that should wake someone for this fault, where the production rule
    /// can fire within the fault: in profiles that watch alerts, it must fire within two minutes and clear after recovery.
    /// </summary>
    public virtual string? Alert => null;

    /// <summary>Where only some of <see cref="Alert"/>'s instances are this fault's: a label and how its value starts.</summary>
    public virtual (string Label, string StartsWith)? AlertWhere => null;

    /// <summary>Whether the journeys of this phase send every request twice at once (a client's eager retry).</summary>
    public virtual bool SendsRequestsTwice => false;

    public abstract Task InjectAsync(FaultContext context);

    /// <summary>Checks while the fault holds (e.g. 503 with Retry-After); called once, halfway.</summary>
    public virtual Task ObserveAsync(FaultContext context) => Task.CompletedTask;

    public abstract Task LiftAsync(FaultContext context);

    /// <summary>Checks after recovery, e.g. what the error queue holds.</summary>
    public virtual Task AfterRecoveryAsync(FaultContext context) => Task.CompletedTask;
}

public sealed class FaultContext(FaultPlatform platform, Profile profile, CancellationToken ct)
{
    public FaultPlatform Platform { get; } = platform;
    public Profile Profile { get; } = profile;
    /// <summary>The suite's token while no step runs; during a step, one that also ends at the step's limit (FaultPhase).</summary>
    public CancellationToken Cancellation { get; internal set; } = ct;
    public List<string> Notes { get; } = [];

    /// <summary>When the fault was injected and when it was lifted (the operator's or orchestrator's action began).</summary>
    public DateTimeOffset InjectedAt { get; set; }
    public DateTimeOffset LiftedAt { get; set; }

    /// <summary>Failures of the fault's own checks (not of the reconciliation): the suite fails on any.</summary>
    public List<string> Failures { get; } = [];

    /// <summary>The journeys accepted so far in this phase, for faults that reuse their events.</summary>
    public Func<IReadOnlyCollection<Journeys.Journey>> Journeys { get; set; } = () => [];

    public void Expect(bool condition, string failure)
    {
        if (!condition) Failures.Add(failure);
    }
}
