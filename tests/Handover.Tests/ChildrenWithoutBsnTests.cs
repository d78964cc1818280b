using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.ChildLinks;
using Platform.ConsentReplica;
using Platform.Contracts.Children;
using Platform.Handover.Infrastructure;
using Platform.Messaging.Outbox;
using Platform.Privacy;
using Platform.TestInfrastructure;

namespace Platform.Handover.Tests;

/// <summary>
/// #23 point 4 (ADR-0015): a child without BSN is handed over by DUO's onderwijsnummer (RULES.md §6) or a platform child
/// id, under the same consent gate (RULES.md §6, §7); once its BSN is linked, a consent recorded under the old reference
/// stays valid and its handovers are found under the BSN's reference.
/// </summary>
public sealed class ChildrenWithoutBsnTests(TestServersFixture fixture) : ServiceTestBase<Program, HandoverDbContext>(fixture)
{
    private const string Sender = "school-bs-de-linde", Receiver = "school-vo-college-parkstad";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    protected override ServiceSetup Setup => new() { Clock = _clock };
    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    private static string NewBsn()
    {
        while (true)
        {
            var digits = Random.Shared.Next(100_000_000, 999_999_999).ToString();
            if (Bsn.TryParse(digits, out _)) return digits;
        }
    }

    /// <summary>An onderwijsnummer: 10, six digits, and the check digit that leaves remainder 5 (RULES.md §6, DUO).</summary>
    private static string NewOnderwijsnummer()
    {
        while (true)
        {
            var digits = "10" + Random.Shared.Next(0, 1_000_000).ToString("D6");
            var sum = 0;
            for (var i = 0; i < 8; i++) sum += (9 - i) * (digits[i] - '0');
            var check = ((sum - 5) % 11 + 11) % 11;
            if (check < 10) return digits + check;
        }
    }

    private ChildReferences References => Service.Services.GetRequiredService<ChildReferences>();

    private Task<int> ConsentAsync(string reference, params string[] organisations) => InDbAsync(db =>
    {
        db.Set<ConsentCopy>().Add(new ConsentCopy
        {
            ConsentId = Guid.NewGuid(), CaseId = Guid.NewGuid(), ChildReference = reference, Organisations = [.. organisations],
            Purposes = ["handover"], GrantedAt = _clock.GetUtcNow(),
        });
        return db.SaveChangesAsync(Ct);
    });

    private object Start(string? bsn = null, string? onderwijsnummer = null, string? platformChildId = null, string receiver = Receiver) => new
    {
        child = new { bsn, onderwijsnummer, platformChildId, givenName = "Lina", familyName = "Haddad", dateOfBirth = "2014-08-08" },
        switchMoment = "primary-to-secondary",
        receivingOrganisationId = receiver,
        dueOn = Today.AddDays(30).ToString("yyyy-MM-dd"),
        dossier = new { educationalNeeds = "Dutch as a second language.", supportNeeds = "Newcomers' support.", whatWorks = "Pictures with words." },
    };

    private Task<HttpResponseMessage> StartAsync(object body) => As(Sender, "school").PostAsJsonAsync("/api/handover/handovers", body, Ct);

    [Fact]
    public async Task A_child_with_an_onderwijsnummer_is_handed_over_under_a_consent_and_accepted_RULES_6_7()
    {
        var number = NewOnderwijsnummer();
        var reference = References.For(new ChildIdentifier(ChildIdentifierKind.Onderwijsnummer, number));
        // The consent gate holds for these children too: without a consent naming both, the same 422.
        Assert.Equal((HttpStatusCode)422, (await StartAsync(Start(onderwijsnummer: number))).StatusCode);
        await ConsentAsync(reference, Sender, Receiver);

        var started = await ReadAsync(await StartAsync(Start(onderwijsnummer: number)), HttpStatusCode.Created);
        var id = started.GetProperty("id").GetGuid();
        Assert.Equal(number, started.GetProperty("child").GetProperty("onderwijsnummer").GetString());
        Assert.Equal(JsonValueKind.Null, started.GetProperty("child").GetProperty("bsn").ValueKind);
        var accepted = await ReadAsync(await As(Receiver, "school").PostAsync($"/api/handover/handovers/{id}/acceptance", null, Ct), HttpStatusCode.OK);
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());
        Assert.Equal(number, accepted.GetProperty("child").GetProperty("onderwijsnummer").GetString());
        var outbox = await InDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().ToListAsync(Ct));
        Assert.Contains(outbox, m => m.Body.Contains(reference));
        Assert.DoesNotContain(outbox, m => m.Body.Contains(number));
    }

    [Fact]
    public async Task A_child_with_neither_is_handed_over_by_an_issued_platform_child_id_ADR_0015()
    {
        var id = (await ReadAsync(await As(Sender, "school").PostAsync("/api/handover/children", null, Ct), HttpStatusCode.OK)).GetProperty("platformChildId").GetString()!;
        await ConsentAsync(References.For(new ChildIdentifier(ChildIdentifierKind.PlatformChildId, id)), Sender, Receiver);

        var started = await ReadAsync(await StartAsync(Start(platformChildId: id)), HttpStatusCode.Created);
        Assert.Equal(id, started.GetProperty("child").GetProperty("platformChildId").GetString());

        var none = (await ReadAsync(await StartAsync(Start()), HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(none.TryGetProperty("child.platformChildId", out _) && none.TryGetProperty("child.bsn", out _));
        var two = (await ReadAsync(await StartAsync(Start(bsn: NewBsn(), platformChildId: id)), HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(two.TryGetProperty("child.bsn", out _) && two.TryGetProperty("child.platformChildId", out _));
        Assert.Equal(1, await InDbAsync(db => db.Handovers.CountAsync(Ct)));
    }

    [Fact]
    public async Task After_linking_the_BSN_the_consent_under_the_old_reference_stays_valid_and_the_history_is_one_ADR_0015_RULES_6()
    {
        var number = NewOnderwijsnummer();
        var bsn = NewBsn();
        var from = References.For(new ChildIdentifier(ChildIdentifierKind.Onderwijsnummer, number));
        var to = References.For(new ChildIdentifier(ChildIdentifierKind.Bsn, bsn));
        await ConsentAsync(from, Sender, Receiver);
        var first = (await ReadAsync(await StartAsync(Start(onderwijsnummer: number)), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        // A school with no handover of the child may not link it: 404.
        Assert.Equal(HttpStatusCode.NotFound, (await As("school-bs-het-palet", "school").PostAsJsonAsync("/api/handover/child-links", new { onderwijsnummer = number, bsn }, Ct)).StatusCode);
        await ReadAsync(await As(Sender, "school").PostAsJsonAsync("/api/handover/child-links", new { onderwijsnummer = number, bsn }, Ct), HttpStatusCode.OK);

        Assert.Equal(to, await InDbAsync(db => db.Handovers.Where(h => h.Id == first).Select(h => h.ChildReference).FirstAsync(Ct)));
        // A new handover by BSN passes the gate on the consent recorded when the child was known by its number.
        await ReadAsync(await StartAsync(Start(bsn: bsn)), HttpStatusCode.Created);
        // A consent copy arriving late under the old reference (published before the link) counts too.
        var otherReceiver = "school-vso-de-berg";
        await ConsentAsync(from, Sender, otherReceiver);
        await ReadAsync(await StartAsync(Start(bsn: bsn, receiver: otherReceiver)), HttpStatusCode.Created);
        Assert.Equal(3, await InDbAsync(db => db.Handovers.CountAsync(h => h.ChildReference == to, Ct)));
    }

    [Fact]
    public async Task A_link_made_in_another_service_rekeys_handovers_and_consent_copies_once_ADR_0015()
    {
        var number = NewOnderwijsnummer();
        var from = References.For(new ChildIdentifier(ChildIdentifierKind.Onderwijsnummer, number));
        var to = References.For(new ChildIdentifier(ChildIdentifierKind.Bsn, NewBsn()));
        await ConsentAsync(from, Sender, Receiver);
        var id = (await ReadAsync(await StartAsync(Start(onderwijsnummer: number)), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var message = new ChildIdentifiersLinked(Guid.NewGuid(), from, to, "gemeente-maastricht", "attendance", _clock.GetUtcNow());
        var messageId = await Service.PublishAndWaitAsync(message);
        await Service.PublishAndWaitAsync(message, messageId);

        Assert.Equal(to, await InDbAsync(db => db.Handovers.Where(h => h.Id == id).Select(h => h.ChildReference).FirstAsync(Ct)));
        Assert.Equal(0, await InDbAsync(db => db.Set<ConsentCopy>().CountAsync(c => c.ChildReference == from, Ct)));
        Assert.Equal(1, await InDbAsync(db => db.Set<ChildReferenceLink>().CountAsync(Ct)));
        // The receiver still sees the dossier after acceptance: the consent moved with the child.
        var accepted = await ReadAsync(await As(Receiver, "school").PostAsync($"/api/handover/handovers/{id}/acceptance", null, Ct), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Object, accepted.GetProperty("dossier").ValueKind);
    }
}
