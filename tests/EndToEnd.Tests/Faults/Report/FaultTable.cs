using System.Globalization;
using System.Text;

namespace Platform.EndToEnd.Tests.Faults.Report;

/// <summary>The table the suite prints: one row per fault, then what each fault's checks saw.</summary>
public static class FaultTable
{
    /// <param name="notRun">Faults of the profile this machine cannot inject, each with the reason: said under the table, never a silent pass.</param>
    public static string Render(Injected.Profile profile, IReadOnlyList<FaultRow> rows, string commit, IReadOnlyList<string>? notRun = null)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Fault injection: profile {profile.Name}, {profile.JourneysPerSecond} journeys/s, commit {commit}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine("| fault | requests accepted | effects expected | effects found | lost | duplicated | time to recover | of which restart | result |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var row in rows)
        {
            var recovery = row.Recovery is { } r ? $"{r.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s" : $"> {Injected.Profile.RecoveryLimit.TotalSeconds:0} s";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Fault} | {row.Result.Accepted} | {row.Result.Expected} | {row.Result.Found} | {row.Result.Lost} | {row.Result.Duplicated} | {recovery} | {row.BackUp.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s | {(row.Passed ? "ok" : "FAILED")} |");
        }
        foreach (var fault in notRun ?? []) text.AppendLine(CultureInfo.InvariantCulture, $"| {fault} | | | | | | | | not run here |");
        text.AppendLine();
        text.AppendLine("Each journey: the school's referral, then the consent that opens the case (two requests, retried with their");
        text.AppendLine("Idempotency-Key until accepted). Eleven effects per journey in six services: Intake (case, consent), Monitoring");
        text.AppendLine("(two journal entries), Funding and Handover (copies of case and consent), Audit (two access-log records),");
        text.AppendLine("Subscriptions (the coordinator's notification). Each is counted in the service's own database.");
        text.AppendLine("Time to recover: from lifting the fault (the restart command, SIGCONT) until every accepted request's effects");
        text.AppendLine("were in place and a journey started afterwards had gone through end to end; \"of which restart\" is the part");
        text.AppendLine("the restarted process took to report healthy.");
        text.AppendLine();
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- **{row.Fault}**");
            foreach (var note in row.Notes) text.AppendLine(CultureInfo.InvariantCulture, $"  - {note}");
            foreach (var detail in row.Result.Details) text.AppendLine(CultureInfo.InvariantCulture, $"  - reconciliation: {detail}");
            if (row.Unresolved > 0) text.AppendLine(CultureInfo.InvariantCulture, $"  - {row.Unresolved} requests neither accepted nor refused within {Injected.Profile.Patience.TotalSeconds:0} s");
            foreach (var refused in row.Refused.Take(5)) text.AppendLine(CultureInfo.InvariantCulture, $"  - refused: {refused}");
            foreach (var failure in row.Failures) text.AppendLine(CultureInfo.InvariantCulture, $"  - FAILED: {failure}");
        }
        return text.ToString();
    }
}
