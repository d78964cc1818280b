using Platform.EndToEnd.Tests.Faults.Reconciliation;

namespace Platform.EndToEnd.Tests.Faults.Report;

/// <summary>One fault's line in the table, with what its checks saw.</summary>
/// <param name="Recovery">From lifting the fault until every accepted request's effects were in place and a new journey went through end to end; null if that did not happen within the limit.</param>
/// <param name="Unresolved">Requests neither accepted nor refused when the integrator's patience ran out.</param>
/// <param name="BackUp">How long the lifting itself took: the restarted process until it reported healthy (part of <paramref name="Recovery"/>).</param>
public sealed record FaultRow(
    string Fault, Reconciliation.Reconciliation Result, TimeSpan BackUp, TimeSpan? Recovery, int Unresolved, IReadOnlyList<string> Refused,
    IReadOnlyList<string> Notes, IReadOnlyList<string> Failures)
{
    public bool Passed => Result.Lost == 0 && Result.Duplicated == 0 && Recovery is { } r && r <= Injected.Profile.RecoveryLimit
                          && Unresolved == 0 && Refused.Count == 0 && Failures.Count == 0;
}
