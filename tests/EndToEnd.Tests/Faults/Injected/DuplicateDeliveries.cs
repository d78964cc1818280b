using Platform.ServiceDefaults;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.AppHost;
using Platform.Contracts.Intake;

namespace Platform.EndToEnd.Tests.Faults.Injected;

/// <summary>
/// Duplicates at both ends. Integrators send every request twice at once (an eager client retry
/// with the same Idempotency-Key), and events already consumed are delivered again, twice at once,
/// with their original message ids (what an outbox relay crashing between the broker's confirm and
/// its own delete produces). Every effect must still be there exactly once.
/// </summary>
public sealed class DuplicateDeliveries : Fault
{
    public override string Name => "duplicate requests and redelivered events";

    public override bool SendsRequestsTwice => true;

    public override TimeSpan Hold(Profile profile) => TimeSpan.FromSeconds(5);

    public override async Task InjectAsync(FaultContext context)
    {
        var ct = context.Cancellation;
        // The journeys of this phase so far, by child: the journal keeps events without the child
        // reference, which the suite computes from the BSN it sent.
        var journeys = context.Journeys().Where(j => j.CaseId is not null).ToDictionary(j => j.CaseId!.Value.ToString());
        var byReferral = context.Journeys().Where(j => j.ReferralId is not null).ToDictionary(j => j.ReferralId!.Value.ToString());

        var monitoring = await context.Platform.DatabaseAsync(ResourceNames.MonitoringDb);
        await using var command = monitoring.CreateCommand("""
            SELECT message_id, event_type, body::text FROM monitoring.journal
            WHERE event_type IN ('Platform.Contracts.Intake.CaseOpened', 'Platform.Contracts.Intake.ReferralSubmitted')
              AND (body->>'caseId' = ANY(@cases) OR body->>'referralId' = ANY(@referrals))
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("cases", journeys.Keys.ToArray());
        command.Parameters.AddWithValue("referrals", byReferral.Keys.ToArray());
        command.Parameters.AddWithValue("limit", context.Profile.Duplicates);
        var again = new List<(Guid Id, object Message)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var body = JsonNode.Parse(reader.GetString(2))!.AsObject();
                var key = reader.GetString(1).EndsWith("CaseOpened", StringComparison.Ordinal) ? body["caseId"]!.GetValue<string>() : body["referralId"]!.GetValue<string>();
                var journey = journeys.GetValueOrDefault(key) ?? byReferral[key];
                body["childReference"] = journey.ChildReference;
                object message = reader.GetString(1).EndsWith("CaseOpened", StringComparison.Ordinal)
                    ? body.Deserialize<CaseOpened>(Json)!
                    : body.Deserialize<ReferralSubmitted>(Json)!;
                again.Add((reader.GetGuid(0), message));
            }

        // Twice each, at the same moment: two deliveries of one message racing in one consumer.
        await Task.WhenAll(again.SelectMany(m => new[] { Publish(m), Publish(m) }));
        context.Notes.Add($"{again.Count} consumed events delivered again, twice each, with their original message ids; every request sent twice at once");
        context.Expect(again.Count > 0, "No consumed events were found to deliver again.");

        Task Publish((Guid Id, object Message) m) => m.Message switch
        {
            CaseOpened opened => context.Platform.Broker.PublishAsync(opened, m.Id, ct),
            ReferralSubmitted submitted => context.Platform.Broker.PublishAsync(submitted, m.Id, ct),
            _ => Task.CompletedTask,
        };
    }

    public override Task LiftAsync(FaultContext context) => Task.CompletedTask;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
