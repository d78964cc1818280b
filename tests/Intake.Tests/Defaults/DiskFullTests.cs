using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Intake.Infrastructure;
using Platform.Messaging.Outbox;
using Platform.TestInfrastructure;

namespace Platform.Intake.Tests.Defaults;

/// <summary>
/// A database whose disk is full (#28): PostgreSQL refuses the write with <c>disk_full</c>. The caller gets 503 with
/// Retry-After and a problem that says so, nothing is half-written (no referral, no event, no kept answer), the
/// refusal is counted for the <c>DatabaseOutOfSpace</c> alert, and the caller's retry with the same Idempotency-Key
/// succeeds once, when there is space again. A real full disk: a tmpfs tablespace under the test's database.
/// </summary>
public sealed class DiskFullTests(TestServersFixture fixture) : ServiceTestBase<Program, IntakeDbContext>(fixture)
{
    private readonly TestServersFixture _fixture = fixture;

    [Fact]
    public async Task A_full_disk_refuses_the_write_with_503_saves_nothing_and_the_same_request_succeeds_once_there_is_space()
    {
        var server = _fixture.Servers.PostgresConnectionString;
        var why = await FullDisk.WhyNotAsync(server, Ct);
        Assert.SkipWhen(why is not null, $"No full disk to be had here: {why}.");
        await using var disk = (await FullDisk.TryCreateAsync(server, megabytes: 32, Ct))!;
        await disk.MoveAsync(Service.Database, Ct);
        await disk.FillAsync(Ct);
        using var refusals = new OutageCounter();

        var key = Guid.NewGuid().ToString();
        var school = As("school-bs-de-linde", "school");
        var refused = await school.SendAsync(Referral(key), Ct);

        var problem = await ReadAsync(refused, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("no space left", problem.GetProperty("detail").GetString());
        Assert.True(refusals.Count(DatabaseOutage.OutOfSpace) > 0, "The refused writes were not counted for the DatabaseOutOfSpace alert.");
        // Nothing half-written: reads still work on a full disk, and there is nothing to read.
        Assert.Equal(0, await InDbAsync(db => db.Referrals.CountAsync(Ct)));
        Assert.Equal(0, await InDbAsync(db => db.Set<OutboxMessage>().CountAsync(Ct)));

        disk.Free();
        var accepted = await school.SendAsync(Referral(key), Ct);
        var again = await school.SendAsync(Referral(key), Ct);

        var created = await ReadAsync(accepted, HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(accepted.Headers.Location, again.Headers.Location);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal([id], await InDbAsync(db => db.Referrals.Select(r => r.Id).ToListAsync(Ct)));
        Assert.Single(await InDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().WithoutAudit().ToListAsync(Ct)), e => e.Body.Contains(id.ToString()));
    }

    private static HttpRequestMessage Referral(string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/referrals")
        {
            Content = JsonContent.Create(new
            {
                child = new { bsn = "123456782", givenName = "Sanne", familyName = "Jansen", dateOfBirth = "2015-04-01", homeMunicipality = "GM0935" },
                supportNeeds = new[] { new { domain = "learning", description = "Reads two years below her age group." } },
                triedSoFar = "Extra reading support in class since September.",
                urgency = "soon",
                parentsView = "Worried about the move to secondary school.",
                childsView = "Reading makes me tired.",
            }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    /// <summary>What this process counted on <c>platform.database.unavailable</c>, by reason, while it listened.</summary>
    private sealed class OutageCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _counts = new();

        public OutageCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == DatabaseOutageMeter.MeterName && instrument.Name == DatabaseOutageMeter.InstrumentName)
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag.Key == "reason" && tag.Value is string reason) _counts.AddOrUpdate(reason, value, (_, n) => n + value);
            });
            _listener.Start();
        }

        public long Count(string reason) => _counts.GetValueOrDefault(reason);

        public void Dispose() => _listener.Dispose();
    }
}
