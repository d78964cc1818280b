using Platform.ServiceDefaults;
using Platform.AppHost;
using Platform.Contracts.Intake;
using Platform.ErrorQueueTool;

namespace Platform.EndToEnd.Tests.Faults.Injected;

/// <summary>
/// A poison message: a case opening whose child reference is longer than Funding's and Handover's
/// copies can hold. Their consumers fail it, retry it (200 ms, 1 s, 5 s), and move it to their error
/// queues, where it stays without looping while other messages flow past. Then the fix: the operator
/// widens the column and replays the error queues with the documented command's operation; the
/// replay has exactly one effect in each service. (The column is put back afterwards.)
/// </summary>
public sealed class PoisonMessage : Fault
{
    private static readonly string[] Consumers = ["funding-case-opened", "handover-case-opened"];
    private readonly Guid _messageId = Guid.NewGuid();
    private readonly Guid _caseId = Guid.NewGuid();

    public override string Name => "poison message, error queue, fix and replay";

    /// <summary>The message waits in two error queues until it is replayed: someone must look (ticket, docs/operations.md "Error queues").</summary>
    public override string? Alert => "ErrorQueueNotEmpty";

    /// <summary>Long enough for the three retries (6.2 s) and a look that it stays put.</summary>
    public override TimeSpan Hold(Profile profile) => TimeSpan.FromSeconds(12);

    public override Task InjectAsync(FaultContext context)
    {
        var poison = new CaseOpened(_caseId, "cr1-" + new string('0', 196), "GM0935", "reliability-suite", DateTimeOffset.UtcNow,
            DateOnly.FromDateTime(DateTime.UtcNow.AddDays(10)), DateTimeOffset.UtcNow);
        context.Notes.Add($"poison: case opening {_caseId} with a 200-character child reference (Funding and Handover keep 80)");
        return context.Platform.Broker.PublishAsync(poison, _messageId, context.Cancellation);
    }

    public override async Task ObserveAsync(FaultContext context)
    {
        // Halfway (6 s) the last retry may still be pending; look at the end of the hold instead.
        await Task.Delay(TimeSpan.FromSeconds(5), context.Cancellation);
        var errors = new ErrorQueueOperator(context.Platform.Broker.AmqpUri);
        foreach (var queue in Consumers)
        {
            var first = await FindAsync(errors, queue, context.Cancellation);
            await Task.Delay(TimeSpan.FromSeconds(1), context.Cancellation);
            var second = await FindAsync(errors, queue, context.Cancellation);
            context.Expect(first.Count == 1 && second.Count == 1,
                $"{queue}_error held {first.Count}, then {second.Count} copies of the poison message; expected it once, staying put.");
            context.Expect(await context.Platform.Broker.ReadyMessagesAsync(queue, context.Cancellation) == 0,
                $"The poison message (or others) waits in {queue} itself: it should be in {queue}_error only.");
            if (first.Count > 0)
                context.Notes.Add($"in {queue}_error: {first[0].ExceptionType}: {Shorten(first[0].ExceptionMessage)}");
        }
    }

    public override async Task LiftAsync(FaultContext context)
    {
        var ct = context.Cancellation;
        foreach (var database in new[] { ResourceNames.FundingDb, ResourceNames.HandoverDb })
            await ExecuteAsync(context, database, "ALTER TABLE consent.cases ALTER COLUMN child_reference TYPE character varying(300)");
        var errors = new ErrorQueueOperator(context.Platform.Broker.AmqpUri);
        foreach (var queue in Consumers)
        {
            var replayed = await errors.ReplayAsync($"{queue}_error", messageId: _messageId.ToString(), ct: ct);
            context.Expect(replayed == 1, $"Replaying {queue}_error moved {replayed} messages; expected the poison message.");
        }
    }

    public override async Task AfterRecoveryAsync(FaultContext context)
    {
        var ct = context.Cancellation;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        long funding = 0, handover = 0, journal = 0;
        while (DateTime.UtcNow < deadline && (funding == 0 || handover == 0))
        {
            funding = await CountAsync(context, ResourceNames.FundingDb, "SELECT count(*) FROM consent.cases WHERE case_id = @id");
            handover = await CountAsync(context, ResourceNames.HandoverDb, "SELECT count(*) FROM consent.cases WHERE case_id = @id");
            await Task.Delay(250, ct);
        }
        journal = await CountAsync(context, ResourceNames.MonitoringDb, "SELECT count(*) FROM monitoring.journal WHERE body->>'caseId' = @id::text");
        context.Notes.Add($"after the fix and replay: funding {funding}, handover {handover} copies of the case; monitoring (never failed) {journal} journal entry");
        context.Expect(funding == 1 && handover == 1 && journal == 1,
            $"After replay: funding {funding}, handover {handover}, monitoring journal {journal}; expected exactly one each.");

        // Back as the migrations made it, without the suite's case.
        foreach (var database in new[] { ResourceNames.FundingDb, ResourceNames.HandoverDb })
        {
            await ExecuteAsync(context, database, "DELETE FROM consent.cases WHERE case_id = @id");
            await ExecuteAsync(context, database, "ALTER TABLE consent.cases ALTER COLUMN child_reference TYPE character varying(80)");
        }
    }

    private async Task<IReadOnlyList<ErrorQueueMessage>> FindAsync(ErrorQueueOperator errors, string queue, CancellationToken ct) =>
        (await errors.PeekAsync($"{queue}_error", 50, ct)).Where(m => m.MessageId == _messageId.ToString()).ToList();

    private async Task ExecuteAsync(FaultContext context, string database, string sql)
    {
        await using var command = (await context.Platform.DatabaseAsync(database)).CreateCommand(sql);
        command.Parameters.AddWithValue("id", _caseId);
        await command.ExecuteNonQueryAsync(context.Cancellation);
    }

    private async Task<long> CountAsync(FaultContext context, string database, string sql)
    {
        await using var command = (await context.Platform.DatabaseAsync(database)).CreateCommand(sql);
        command.Parameters.AddWithValue("id", _caseId);
        return (long)(await command.ExecuteScalarAsync(context.Cancellation))!;
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 120 ? text : text[..120] + "…";
}
