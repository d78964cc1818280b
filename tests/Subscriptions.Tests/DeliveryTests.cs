extern alias receiver;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Attendance;
using Platform.Contracts.Handover;
using Platform.TestInfrastructure;
using receiver::Village.Samples.NotificationReceiver;

namespace Platform.Subscriptions.Tests;

public sealed class DeliveryTests(TestServersFixture fixture) : SubscriptionTestBase(fixture)
{
    private readonly List<Receiver> _receivers = [];

    private async Task<Receiver> ReceiverAsync()
    {
        var r = await Receiver.StartAsync();
        _receivers.Add(r);
        return r;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var r in _receivers) await r.DisposeAsync();
        await base.DisposeAsync();
    }

    private static ThuiszitterRegistered Thuiszitter(string municipality) => new(Guid.NewGuid(), "cr1-secret-child", municipality, "long-term-relative",
        new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30), new DateOnly(2027, 1, 1), DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_subscription_gets_exactly_the_events_its_organisation_may_see_signed_and_without_child_data()
    {
        var maastricht = await ReceiverAsync();
        var heerlen = await ReceiverAsync();
        var school = await ReceiverAsync();
        var (maastrichtId, maastrichtSecret) = await SubscribeAsync(As("gemeente-maastricht", "municipality", "GM0935"), maastricht.Url, "thuiszitters");
        await SubscribeAsync(As("gemeente-heerlen", "municipality", "GM0917"), heerlen.Url, "thuiszitters");
        await SubscribeAsync(As("school-vo-college-parkstad", "school"), school.Url, "handovers");

        var registered = Thuiszitter("GM0935");
        var toTheSchool = new HandoverStarted(Guid.NewGuid(), "cr1-other", "primary-to-secondary", "school-bs-de-linde", "school-vo-college-parkstad", new DateOnly(2027, 8, 20), false, DateTimeOffset.UtcNow);
        var toAnotherSchool = toTheSchool with { HandoverId = Guid.NewGuid(), ReceivingOrganisationId = "school-vo-elders" };
        // Maastricht's thuiszitter and the school's handover: two deliveries. Heerlen and the other school: none.
        var messageId = Guid.NewGuid();
        await PublishAndWaitForDeliveriesAsync(1, messageId, registered);
        await PublishAndWaitForDeliveriesAsync(0, messageId, registered); // the same message redelivered: still one notification
        await PublishAndWaitForDeliveriesAsync(1, toTheSchool, toAnotherSchool);
        Assert.Equal(2, await DispatchAsync());

        var (signature, delivery, body) = Assert.Single(maastricht.Received);
        Assert.Empty(heerlen.Received);
        var toSchool = JsonDocument.Parse(Assert.Single(school.Received).Body).RootElement;
        Assert.Equal($"https://village.test/api/handover/handovers/{toTheSchool.HandoverId}", toSchool.GetProperty("resource").GetString());

        var notification = JsonDocument.Parse(body).RootElement;
        Assert.Equal("thuiszitters", notification.GetProperty("channel").GetString());
        Assert.Equal("ThuiszitterRegistered", notification.GetProperty("eventType").GetString());
        Assert.Equal($"https://village.test/api/attendance/thuiszitters/{registered.CaseId}", notification.GetProperty("resource").GetString());
        Assert.Equal(delivery, notification.GetProperty("deliveryId").GetGuid().ToString());
        Assert.DoesNotContain("cr1-", body);
        Assert.DoesNotContain("GM0935", body);

        // The sample receiver's verifier accepts it once; a tampered copy and a replay fail.
        var verifier = new SignatureVerifier(maastrichtSecret);
        Assert.Equal(Verdict.Valid, verifier.Verify(signature, body));
        Assert.Equal(Verdict.Replayed, verifier.Verify(signature, body));
        Assert.Equal(Verdict.Tampered, new SignatureVerifier(maastrichtSecret).Verify(signature, body.Replace("thuiszitters/", "thuiszitters/0")));
        Assert.Equal(Verdict.Tampered, new SignatureVerifier(Convert.ToBase64String(new byte[32])).Verify(signature, body));
        var later = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(6));
        Assert.Equal(Verdict.Stale, new SignatureVerifier(maastrichtSecret, later).Verify(signature, body));
        Assert.Equal(Verdict.Missing, verifier.Verify(null, body));

        var log = await ReadAsync(await As("gemeente-maastricht", "municipality", "GM0935").GetAsync($"/api/subscriptions/subscriptions/{maastrichtId}/deliveries", Ct), HttpStatusCode.OK);
        var entry = Assert.Single(log.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal("delivered", entry.GetProperty("status").GetString());
        Assert.Equal(200, entry.GetProperty("log")[0].GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_with_back_off_then_paused_and_after_the_fix_resume_and_redelivery_deliver_everything()
    {
        var receiver = await ReceiverAsync();
        receiver.StatusCode = 500;
        var maastricht = As("gemeente-maastricht", "municipality", "GM0935");
        var (id, _) = await SubscribeAsync(maastricht, receiver.Url, "thuiszitters");
        await PublishAndWaitForDeliveriesAsync(2, Thuiszitter("GM0935"), Thuiszitter("GM0935"));

        Assert.Equal(1, await DispatchAsync()); // one at a time per subscription
        Assert.Equal(0, await DispatchAsync()); // backing off, and the second waits behind the first
        Clock.Advance(TimeSpan.FromSeconds(0.9));
        Assert.Equal(0, await DispatchAsync()); // the first back-off is 1 s
        Clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(1, await DispatchAsync()); // attempt 2
        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await DispatchAsync()); // the second back-off is 2 s
        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await DispatchAsync()); // attempt 3, the last: failed, so the second may go
        Assert.Equal(1, await DispatchAsync()); // the second's attempt 1: the fourth failure in a row
        Assert.Equal(4, receiver.Received.Count);

        // Four failures in a row pause the subscription; nothing more is sent, however long we wait.
        var paused = await ReadAsync(await maastricht.GetAsync($"/api/subscriptions/subscriptions/{id}", Ct), HttpStatusCode.OK);
        Assert.Equal("paused", paused.GetProperty("status").GetString());
        Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await DispatchAsync());
        var log = await ReadAsync(await maastricht.GetAsync($"/api/subscriptions/subscriptions/{id}/deliveries", Ct), HttpStatusCode.OK);
        Assert.All(log.GetProperty("items").EnumerateArray(), d => Assert.All(d.GetProperty("log").EnumerateArray(), a => Assert.Equal(500, a.GetProperty("statusCode").GetInt32())));
        var failed = log.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("status").GetString() == "failed"); // 3 attempts: the maximum

        // A notification still on its way cannot be redelivered on top of itself.
        var waiting = log.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("status").GetString() == "pending");
        await ReadAsync(await maastricht.PostAsync($"/api/subscriptions/subscriptions/{id}/deliveries/{waiting.GetProperty("id").GetGuid()}/redelivery", null, Ct), HttpStatusCode.Conflict);

        // Fixed: resume sends what was waiting (at once, not after its back-off); the failed one is redelivered by hand, with the same delivery id.
        receiver.StatusCode = 204;
        await ReadAsync(await maastricht.PostAsync($"/api/subscriptions/subscriptions/{id}/resume", null, Ct), HttpStatusCode.OK);
        await ReadAsync(await maastricht.PostAsync($"/api/subscriptions/subscriptions/{id}/deliveries/{failed.GetProperty("id").GetGuid()}/redelivery", null, Ct), HttpStatusCode.OK);
        // One per subscription per pass: two passes send both, with no waiting.
        Assert.Equal(1, await DispatchAsync());
        Assert.Equal(1, await DispatchAsync());
        Assert.Equal(0, await DispatchAsync());
        var final = await ReadAsync(await maastricht.GetAsync($"/api/subscriptions/subscriptions/{id}/deliveries", Ct), HttpStatusCode.OK);
        Assert.All(final.GetProperty("items").EnumerateArray(), d => Assert.Equal("delivered", d.GetProperty("status").GetString()));
        Assert.Contains(receiver.Received, r => r.Delivery == failed.GetProperty("id").GetGuid().ToString());
    }

    [Fact]
    public async Task A_slow_receiver_holds_up_only_its_own_subscription()
    {
        var slow = await ReceiverAsync();
        slow.Delay = TimeSpan.FromSeconds(3);
        var fast = await ReceiverAsync();
        var maastricht = As("gemeente-maastricht", "municipality", "GM0935");
        var (slowId, _) = await SubscribeAsync(maastricht, slow.Url, "thuiszitters");
        await SubscribeAsync(As("escalatietafel", "escalation-table"), fast.Url, "thuiszitters");
        await PublishAndWaitForDeliveriesAsync(2, new ThuiszitterEscalated(Guid.NewGuid(), "cr1-x", "GM0935", new DateOnly(2026, 6, 1), DateTimeOffset.UtcNow));

        Assert.Equal(2, await DispatchAsync());
        Assert.Single(fast.Received);
        // The slow one was cut off by the 1 s timeout (its receiver would have answered after 3 s), not waited for: its one
        // attempt says so, and it waits for its retry. (What is asserted is what happened, not how long the pass took: the
        // machine is shared.)
        var log = await ReadAsync(await maastricht.GetAsync($"/api/subscriptions/subscriptions/{slowId}/deliveries", Ct), HttpStatusCode.OK);
        var held = Assert.Single(log.GetProperty("items").EnumerateArray());
        Assert.Equal(("pending", 1), (held.GetProperty("status").GetString(), held.GetProperty("attempts").GetInt32()));
        var attempt = Assert.Single(held.GetProperty("log").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, attempt.GetProperty("statusCode").ValueKind);
        Assert.StartsWith("No answer within 1 s", attempt.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_organisation_subscribes_only_to_what_it_may_read_and_sees_only_its_own_subscriptions()
    {
        var receiver = await ReceiverAsync();
        var school = As("school-bs-de-linde", "school");
        var refused = await ReadAsync(await school.PostAsJsonAsync("/api/subscriptions/subscriptions", new { callbackUrl = receiver.Url, channels = new[] { "thuiszitters" } }, Ct), HttpStatusCode.Forbidden);
        Assert.True(refused.GetProperty("errors").TryGetProperty("channels", out _));
        var bad = await ReadAsync(await school.PostAsJsonAsync("/api/subscriptions/subscriptions", new { callbackUrl = receiver.Url, channels = new[] { "gossip" }, eventTypes = new[] { "CaseOpened" } }, Ct), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("channels[0]", out _));

        var (id, _) = await SubscribeAsync(school, receiver.Url, "handovers");
        var other = As("school-bs-het-palet", "school");
        await ReadAsync(await other.GetAsync($"/api/subscriptions/subscriptions/{id}", Ct), HttpStatusCode.NotFound);
        await ReadAsync(await other.PostAsync($"/api/subscriptions/subscriptions/{id}/pause", null, Ct), HttpStatusCode.NotFound);
        Assert.Empty((await other.GetFromJsonAsync<JsonElement>("/api/subscriptions/subscriptions", Ct)).GetProperty("items").EnumerateArray());
        await ReadAsync(await school.PostAsync($"/api/subscriptions/subscriptions/{id}/pause", null, Ct), HttpStatusCode.OK);
        await ReadAsync(await school.DeleteAsync($"/api/subscriptions/subscriptions/{id}", Ct), HttpStatusCode.NoContent);
        await ReadAsync(await school.GetAsync($"/api/subscriptions/subscriptions/{id}", Ct), HttpStatusCode.NotFound);
    }
}
