using Npgsql;
using Platform.EndToEnd.Tests.Faults.Journeys;

namespace Platform.EndToEnd.Tests.Faults.Reconciliation;

/// <summary>What the reconciliation found for a set of journeys.</summary>
/// <param name="Accepted">Requests answered 2xx.</param>
/// <param name="Expected">Effects those requests promise (one per effect per accepted request).</param>
/// <param name="Found">Of those, how many are there.</param>
/// <param name="Lost">Promised effects not found.</param>
/// <param name="Duplicated">Effects found more than once (for any journey, accepted or not).</param>
/// <param name="Details">Per service and effect: what is missing or doubled, for the failure message.</param>
public sealed record Reconciliation(int Accepted, int Expected, int Found, int Lost, int Duplicated, IReadOnlyList<string> Details)
{
    public bool Complete => Lost == 0;
}

/// <summary>
/// Compares every accepted request with the final state of every service's own database: the
/// proof that nothing was lost or done twice is in the data, not in logs or counters.
/// </summary>
public sealed class Reconciler(Func<string, Task<NpgsqlDataSource>> databases)
{

    public async Task<Reconciliation> ReconcileAsync(IReadOnlyCollection<Journey> journeys, CancellationToken ct)
    {
        var accepted = journeys.Sum(j => (j.Referral.AcceptedAt is null ? 0 : 1) + (j.Consent.AcceptedAt is null ? 0 : 1));
        int expected = 0, found = 0, lost = 0, duplicated = 0;
        var details = new List<string>();
        foreach (var effect in Effect.OfAJourney)
        {
            var keyed = journeys.Select(j => (Journey: j, Key: effect.KeyOf(j))).Where(x => x.Key is not null).ToList();
            var counts = await CountAsync(effect, keyed.Select(x => x.Key!).Distinct().ToArray(), ct);
            var promised = keyed.Where(x => effect.AcceptedBy(x.Journey).AcceptedAt is not null).ToList();
            var missing = promised.Count(x => counts.GetValueOrDefault(x.Key!) == 0);
            var doubled = keyed.Count(x => counts.GetValueOrDefault(x.Key!) > 1);
            expected += promised.Count;
            found += promised.Count - missing;
            lost += missing;
            duplicated += doubled;
            if (missing > 0) details.Add($"{effect.Service}: {missing} × no {effect.What}");
            if (doubled > 0) details.Add($"{effect.Service}: {doubled} × more than one {effect.What}");
        }
        return new Reconciliation(accepted, expected, found, lost, duplicated, details);
    }

    private async Task<Dictionary<string, long>> CountAsync(Effect effect, string[] keys, CancellationToken ct)
    {
        var counts = new Dictionary<string, long>();
        if (keys.Length == 0) return counts;
        await using var command = (await databases(effect.Database)).CreateCommand(effect.CountSql);
        command.Parameters.AddWithValue("keys", keys);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }
}
