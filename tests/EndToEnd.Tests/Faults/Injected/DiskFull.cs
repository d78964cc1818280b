using System.Net;
using System.Net.Http.Json;
using Platform.EndToEnd.Tests.Faults.Control;
using Platform.EndToEnd.Tests.Faults.Journeys;
using Platform.ServiceDefaults;
using Platform.TestInfrastructure;

namespace Platform.EndToEnd.Tests.Faults.Injected;

/// <summary>
/// Intake's database runs out of disk (#28): its tables and indexes are moved onto a small tmpfs tablespace
/// (<see cref="FullDisk"/>) that is then filled, so PostgreSQL refuses every write that needs a page with
/// <c>disk_full</c> while the server and the other services' databases carry on. Intake must answer 503 with
/// Retry-After and a problem that says so, never 500, with nothing half-written; the journeys retry with their
/// Idempotency-Keys; <c>DatabaseOutOfSpace</c> fires. Lifted by giving the space back, as an operator who grows
/// the volume does: writes succeed again without a restart. The tables go back to their own disk afterwards.
/// Needs root and the platform's PostgreSQL as local processes (mount); the suite leaves it out elsewhere and says so.
/// </summary>
public sealed class DiskFull : Fault, IAsyncDisposable
{
    private const string Database = ResourceNames.IntakeDb;
    private static readonly TimeSpan RefusalLimit = TimeSpan.FromSeconds(30);
    private FullDisk? _disk;

    public override string Name => "intake's database disk full, space given back";

    /// <summary>The page: the service can do nothing about it, someone must add space.</summary>
    public override string? Alert => "DatabaseOutOfSpace";

    public static async Task<string?> WhyNotAsync(FaultPlatform platform) =>
        await FullDisk.WhyNotAsync(await platform.ConnectionStringAsync(Database), default);

    public override async Task InjectAsync(FaultContext context)
    {
        var database = await context.Platform.ConnectionStringAsync(Database);
        var megabytes = await FullDisk.MegabytesToHoldAsync(database, context.Cancellation);
        _disk = await FullDisk.TryCreateAsync(database, megabytes, context.Cancellation)
                ?? throw new InvalidOperationException("No full disk to be had here (needs root and local processes).");
        await _disk.MoveAsync(database, context.Cancellation);
        await _disk.FillAsync(context.Cancellation);
        context.Notes.Add($"{Database}'s tables and indexes on a {megabytes} MB tmpfs tablespace, filled");
    }

    /// <summary>
    /// A referral of its own until one is refused: the pages the moved tables had free take a few more rows first.
    /// It uses one Idempotency-Key throughout, so at most one such referral is ever made.
    /// </summary>
    public override async Task ObserveAsync(FaultContext context)
    {
        using var school = await DemoClients.ClientAsync(context.Platform.Gateway, DemoClients.School, context.Cancellation, TimeSpan.FromSeconds(30));
        var key = Guid.NewGuid().ToString();
        var body = JourneyDriver.ReferralBody(new Journey(0));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        HttpResponseMessage response;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/referrals") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            response = await school.SendAsync(request, context.Cancellation);
            if (response.StatusCode != HttpStatusCode.Created || clock.Elapsed > RefusalLimit) break;
            response.Dispose();
            await Task.Delay(TimeSpan.FromSeconds(1), context.Cancellation);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(context.Cancellation);
            var retryAfter = response.Headers.RetryAfter?.Delta;
            context.Notes.Add($"a referral {clock.Elapsed.TotalSeconds:0} s into the full disk: {(int)response.StatusCode}, Retry-After {retryAfter?.TotalSeconds}");
            context.Expect(response.StatusCode == HttpStatusCode.ServiceUnavailable && retryAfter is not null
                           && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                           && text.Contains("no space left", StringComparison.Ordinal),
                $"A referral on a full disk got {(int)response.StatusCode} (Retry-After {retryAfter}): {text}; expected a 503 problem saying there is no space, with Retry-After.");
        }
    }

    public override Task LiftAsync(FaultContext context)
    {
        _disk?.Free();
        return Task.CompletedTask;
    }

    /// <summary>
    /// The tables back on the server's own disk, the tablespace dropped, the tmpfs unmounted: at the end of the phase
    /// (FaultPhase disposes a fault that holds something of the machine), however it ended.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disk is { } disk)
        {
            _disk = null;
            await disk.DisposeAsync();
        }
    }
}
