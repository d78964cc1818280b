using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Jobs;
using Platform.Subscriptions.Delivery;
using Platform.Subscriptions.Domain;
using Platform.Subscriptions.Infrastructure;

namespace Platform.Subscriptions.Jobs;

/// <summary>
/// Sends due notifications. Each pass takes the next due notification of each active subscription
/// and leases the subscription (a conditional UPDATE: replicas and passes never send for the same
/// subscription at once, and no row lock is held during HTTP), and sends them concurrently with a short
/// timeout: a slow or dead receiver holds up only its own subscription. A 2xx is delivered; anything
/// else is retried with exponential back-off, and repeated failures pause the subscription. While a
/// notification backs off, the subscription's later ones wait behind it, so a receiver gets them in
/// order and a failing receiver is not hammered; one that exhausts its attempts is failed (to be
/// redelivered by hand) and the queue moves on.
/// </summary>
public sealed partial class DeliveryDispatcher(
    IServiceScopeFactory scopes, IHttpClientFactory clients, TimeProvider clock, IOptions<DeliveryOptions> options, ILogger<DeliveryDispatcher> logger)
    : PeriodicWork(clock, logger)
{
    public const string ClientName = "callbacks";
    private readonly HashSet<Task> _inFlight = [];

    protected override bool Enabled => options.Value.DispatcherEnabled;
    protected override TimeSpan Interval => options.Value.DispatchInterval;

    /// <summary>One pass that waits for its sends (tests, tools). The background loop does not wait.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var sends = await StartPassAsync(ct);
        await Task.WhenAll(sends);
        return sends.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var send in await StartPassAsync(stoppingToken))
                {
                    lock (_inFlight) _inFlight.Add(send);
                    _ = send.ContinueWith(t => { lock (_inFlight) _inFlight.Remove(t); }, TaskScheduler.Default);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(Logger, ex);
            }
            await Task.Delay(Interval, Clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        Task[] remaining;
        lock (_inFlight) remaining = [.. _inFlight];
        await Task.WhenAll(remaining).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    protected override bool TracesItsWork => true;

    private async Task<List<Task>> StartPassAsync(CancellationToken ct)
    {
        // Polled four times a second: only a pass that sends something leaves a trace.
        using var quiet = JobTelemetry.Quiet();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SubscriptionsDbContext>();
        var now = Clock.GetUtcNow();
        var until = now + options.Value.Lease;
        // Each active, unleased subscription's oldest pending notification (its head); only heads that
        // are due. A head backing off blocks the ones behind it, so a receiver gets them in order.
        // Chosen per subscription first, then limited: one long backlog cannot crowd out the others.
        var heads = await db.Database.SqlQuery<Head>($"""
            SELECT head.id AS delivery_id, head.subscription_id FROM (
              SELECT DISTINCT ON (d.subscription_id) d.id, d.subscription_id, d.next_attempt_at, d.created_at
              FROM subscriptions.deliveries d
              JOIN subscriptions.subscriptions s ON s.id = d.subscription_id
              WHERE d.status = 'Pending' AND s.status = 'Active' AND (s.lease_until IS NULL OR s.lease_until < {now})
              ORDER BY d.subscription_id, d.created_at, d.id) head
            WHERE head.next_attempt_at <= {now}
            ORDER BY head.created_at
            LIMIT 100
            """).ToListAsync(ct);
        if (heads.Count == 0) return [];
        // The lease: a conditional UPDATE re-checks the row as it is now, so of two replicas racing for
        // a subscription exactly one wins it, whatever each one's snapshot said.
        var candidates = heads.Select(h => h.SubscriptionId).ToArray();
        var won = await db.Database.SqlQuery<Guid>($"""
            UPDATE subscriptions.subscriptions SET lease_until = {until}
            WHERE id = ANY({candidates}) AND status = 'Active' AND (lease_until IS NULL OR lease_until < {now})
            RETURNING id AS "Value"
            """).ToListAsync(ct);
        if (won.Count == 0) return [];
        // The sends run on after the pass's span ends; they are its children all the same.
        using var work = JobTelemetry.StartWork(nameof(DeliveryDispatcher), won.Count);
        return [.. heads.Where(h => won.Contains(h.SubscriptionId)).Select(h => SendAsync(h.DeliveryId, ct))];
    }

    /// <summary>One subscription's next notification.</summary>
    private sealed class Head
    {
        public Guid DeliveryId { get; set; }
        public Guid SubscriptionId { get; set; }
    }

    private async Task SendAsync(Guid deliveryId, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SubscriptionsDbContext>();
            var delivery = await db.Deliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, ct);
            if (delivery is null) return; // deleted with its subscription meanwhile
            var subscription = await db.Subscriptions.SingleAsync(s => s.Id == delivery.SubscriptionId, ct);
            var attempt = await PostAsync(subscription, delivery, ct);
            var o = options.Value;
            if (attempt.StatusCode is >= 200 and < 300)
            {
                delivery.Succeeded(attempt);
                subscription.Succeeded();
            }
            else
            {
                delivery.Failed(attempt, o.BaseDelay, o.MaxDelay, o.MaxAttempts);
                subscription.Failed(o.PauseAfterFailures, attempt.At);
                LogAttemptFailed(Logger, delivery.Id, subscription.Id, attempt.StatusCode, attempt.Error);
            }
            subscription.ReleaseLease();
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // The subscription's lease expires and a later pass tries again.
            LogSendFailed(Logger, ex, deliveryId);
        }
    }

    private async Task<DeliveryAttempt> PostAsync(Subscription subscription, Domain.Delivery delivery, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var at = Clock.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.CallbackUrl)
        {
            Content = new StringContent(delivery.Body, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(NotificationSigner.SignatureHeader, NotificationSigner.Sign(subscription.Secret, delivery.Body, at));
        request.Headers.Add(NotificationSigner.DeliveryHeader, delivery.Id.ToString());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return new DeliveryAttempt(delivery.Attempts + 1, at, (int)response.StatusCode, null, Elapsed(started));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            var error = ex is TaskCanceledException ? $"No answer within {options.Value.Timeout.TotalSeconds:0.#} s." : ex.Message;
            return new DeliveryAttempt(delivery.Attempts + 1, at, null, error, Elapsed(started));
        }
    }

    private static int Elapsed(long started) => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} to subscription {SubscriptionId} failed: {StatusCode} {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, Guid deliveryId, Guid subscriptionId, int? statusCode, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending delivery {DeliveryId} failed; its lease expires and it is tried again.")]
    private static partial void LogSendFailed(ILogger logger, Exception ex, Guid deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A delivery pass failed; the next pass tries again.")]
    private static partial void LogPassFailed(ILogger logger, Exception ex);
}
