using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging.Outbox;
using Platform.TestInfrastructure;

namespace Platform.Messaging.Tests;

/// <summary>State and event commit together or not at all. The relay is off, so the outbox is exactly what was committed.</summary>
public sealed class OutboxAtomicityTests(TestServersFixture fixture) : IAsyncLifetime
{
    private MessagingTestHost _host = null!;

    public async ValueTask InitializeAsync() =>
        _host = await MessagingTestHost.StartAsync(fixture.Servers, "atomic", bus => bus.AddConsumer<CountingConsumer>(),
            new Dictionary<string, string?> { ["Messaging:Outbox:Enabled"] = "false" });

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_failed_save_writes_neither_the_state_change_nor_its_event()
    {
        var existing = await _host.CommitReferralAsync();
        Assert.Equal(1, await _host.OutboxCountAsync());

        // A second "submitted" row for the same referral violates the unique subject: the save fails.
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        db.Effects.Add(new Effect { Subject = $"submitted:{existing.ReferralId}" });
        db.AddIntegrationEvent(existing with { Urgency = "urgent" });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));

        var outbox = await _host.WithDbAsync(d => d.Set<OutboxMessage>().ToListAsync());
        var only = Assert.Single(outbox);
        Assert.DoesNotContain("urgent", only.Body);
    }

    [Fact]
    public async Task A_row_that_can_never_be_published_is_set_aside_and_does_not_block_the_rest()
    {
        var first = await _host.CommitReferralAsync();
        var pattern = $"%{first.ReferralId}%";
        await _host.WithDbAsync(d => d.Database.ExecuteSqlAsync(
            $"UPDATE messaging.outbox SET message_type = 'Platform.Contracts.Intake.RenamedLongAgo' WHERE body::text LIKE {pattern}"));
        var second = await _host.CommitReferralAsync();

        var relay = ActivatorUtilities.CreateInstance<OutboxRelay<TestDbContext>>(_host.Services);
        await relay.PublishBatchAsync(TestContext.Current.CancellationToken);

        await _host.WaitForEffectAsync($"consumed:{second.ReferralId}", TimeSpan.FromSeconds(30));
        var left = Assert.Single(await _host.WithDbAsync(d => d.Set<OutboxMessage>().ToListAsync()));
        Assert.NotNull(left.DeadLetteredAt);
        Assert.Contains("RenamedLongAgo", left.LastError);
    }
}
