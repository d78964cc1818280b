namespace Platform.EndToEnd.Tests.Faults.Injected;

/// <summary>No fault: the control row, showing what steady state looks like.</summary>
public sealed class Baseline : Fault
{
    public override string Name => "none (steady state)";

    public override TimeSpan Hold(Profile profile) => profile.WarmUp;

    public override Task InjectAsync(FaultContext context) => Task.CompletedTask;

    public override Task LiftAsync(FaultContext context) => Task.CompletedTask;
}
