using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.ChildLinks;
using Platform.Contracts.Children;
using Platform.Intake.Domain.Cases;
using Platform.Intake.Infrastructure;
using Platform.Messaging.Outbox;
using Platform.Privacy;
using Platform.TestInfrastructure;

namespace Platform.Intake.Tests.Apis;

/// <summary>
/// #23 point 4 (ADR-0015): a child without BSN is referred by DUO's onderwijsnummer (RULES.md §6: pupils without a BSN
/// get one) or a platform child id and gets its one case; linking its BSN later keeps one child, one case, one history.
/// </summary>
public sealed class ChildrenWithoutBsnTests(TestServersFixture fixture) : ServiceTestBase<Program, IntakeDbContext>(fixture)
{
    private const string Referrer = "school-bs-de-linde", Other = "school-bs-het-palet";

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

    private static object Referral(string? bsn = null, string? onderwijsnummer = null, string? platformChildId = null) => new
    {
        child = new { bsn, onderwijsnummer, platformChildId, givenName = "Yara", familyName = "Osman", dateOfBirth = "2015-04-01", homeMunicipality = "GM0935" },
        supportNeeds = new[] { new { domain = "learning", description = "Arrived in the Netherlands in August; learning Dutch." } },
        triedSoFar = "A newcomers' class since September.",
        urgency = "soon",
    };

    private ChildReferences References => Service.Services.GetRequiredService<ChildReferences>();

    /// <summary>Submits and reads the referral back: its case id as the referrer sees it.</summary>
    private async Task<(JsonElement Submitted, Guid? CaseId)> ReferAsync(object referral, string organisation = Referrer)
    {
        var submitted = await ReadAsync(await As(organisation, "school").PostAsJsonAsync("/api/intake/referrals", referral, Ct), HttpStatusCode.Created);
        var read = await As(organisation, "school").GetFromJsonAsync<JsonElement>($"/api/intake/referrals/{submitted.GetProperty("id").GetGuid()}", Ct);
        return (submitted, read.GetProperty("caseId").ValueKind == JsonValueKind.Null ? null : read.GetProperty("caseId").GetGuid());
    }

    private Task<HttpResponseMessage> LinkAsync(string organisation, object body) =>
        As(organisation, "school").PostAsJsonAsync("/api/intake/child-links", body, Ct);

    [Fact]
    public async Task A_child_with_an_onderwijsnummer_is_referred_and_gets_its_one_case_RULES_6()
    {
        var number = NewOnderwijsnummer();
        var (submitted, caseId) = await ReferAsync(Referral(onderwijsnummer: number));

        Assert.Equal(number, submitted.GetProperty("child").GetProperty("onderwijsnummer").GetString());
        Assert.Equal(JsonValueKind.Null, submitted.GetProperty("child").GetProperty("bsn").ValueKind);
        var detail = await As(Referrer, "school").GetFromJsonAsync<JsonElement>($"/api/intake/cases/{caseId}", Ct);
        Assert.Equal(number, detail.GetProperty("child").GetProperty("onderwijsnummer").GetString());
        // Events name the child by the keyed reference of kind and number, never the number (ADR-0015).
        var reference = References.For(new ChildIdentifier(ChildIdentifierKind.Onderwijsnummer, number));
        var outbox = await InDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().ToListAsync(Ct));
        Assert.Contains(outbox, m => m.Body.Contains(reference));
        Assert.DoesNotContain(outbox, m => m.Body.Contains(number));
        // A second referral by the same number joins the case (one child, one case).
        await ReferAsync(Referral(onderwijsnummer: number), Other);
        Assert.Equal(1, await InDbAsync(db => db.Cases.CountAsync(c => c.ChildReference == reference, Ct)));
    }

    [Fact]
    public async Task A_child_with_neither_is_referred_by_an_issued_platform_child_id_ADR_0015()
    {
        var id = (await ReadAsync(await As("wijkteam-maastricht-noord", "municipality").PostAsync("/api/intake/children", null, Ct), HttpStatusCode.OK))
            .GetProperty("platformChildId").GetString()!;
        var (submitted, caseId) = await ReferAsync(Referral(platformChildId: id));
        Assert.Equal(id, submitted.GetProperty("child").GetProperty("platformChildId").GetString());
        Assert.NotNull(caseId);

        // None, two, or a made-up id: 400 naming the fields, nothing stored.
        var before = await InDbAsync(db => db.Referrals.CountAsync(Ct));
        foreach (var (body, field) in new[]
        {
            (Referral(), "child.bsn"), (Referral(bsn: NewBsn(), platformChildId: id), "child.platformChildId"),
            (Referral(platformChildId: ChildReferences.PlatformChildIdPrefix + new string('a', 24)), "child.platformChildId"),
            (Referral(onderwijsnummer: "123456782"), "child.onderwijsnummer"),
        })
        {
            var errors = (await ReadAsync(await As(Referrer, "school").PostAsJsonAsync("/api/intake/referrals", body, Ct), HttpStatusCode.BadRequest)).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"{field} in {errors}");
        }
        Assert.Equal(before, await InDbAsync(db => db.Referrals.CountAsync(Ct)));
    }

    [Fact]
    public async Task Linking_the_BSN_later_keeps_one_case_and_a_referral_by_BSN_joins_it_ADR_0015()
    {
        var number = NewOnderwijsnummer();
        var bsn = NewBsn();
        var (_, caseId) = await ReferAsync(Referral(onderwijsnummer: number));

        await ReadAsync(await LinkAsync(Referrer, new { onderwijsnummer = number, bsn }), HttpStatusCode.OK);

        // The referrer refers again, now by BSN: it joins the one case (it is involved, so it is told).
        var again = await ReadAsync(await As(Referrer, "school").PostAsJsonAsync("/api/intake/referrals", Referral(bsn: bsn), Ct), HttpStatusCode.Created);
        Assert.True(again.GetProperty("linkedToExistingCase").GetBoolean());
        Assert.Equal(caseId, again.GetProperty("caseId").GetGuid());
        var bsnReference = References.For(new ChildIdentifier(ChildIdentifierKind.Bsn, bsn));
        Assert.Equal(1, await InDbAsync(db => db.Cases.CountAsync(c => c.ChildReference == bsnReference, Ct)));
        Assert.Equal(0, await InDbAsync(db => db.Cases.CountAsync(c => c.ChildReference == References.For(new ChildIdentifier(ChildIdentifierKind.Onderwijsnummer, number)), Ct)));
        // The event names the two references, never the numbers.
        var linked = await InDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType.EndsWith(nameof(ChildIdentifiersLinked))).ToListAsync(Ct));
        Assert.DoesNotContain(bsn, Assert.Single(linked).Body);
        Assert.DoesNotContain(number, linked[0].Body);
    }

    [Fact]
    public async Task Linking_someone_elses_BSN_to_ones_own_child_reveals_nothing_and_merges_nothing_RULES_6()
    {
        // Another school's child, with its own case, under its BSN.
        var victimBsn = NewBsn();
        var (_, victimCase) = await ReferAsync(Referral(bsn: victimBsn), Other);

        // Without a referral or access of its own, no link: 404 as for a number nobody knows.
        Assert.Equal(HttpStatusCode.NotFound, (await LinkAsync(Referrer, new { onderwijsnummer = NewOnderwijsnummer(), bsn = victimBsn })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await As("swv-po-maastricht", "swv").PostAsJsonAsync("/api/intake/child-links",
            new { onderwijsnummer = NewOnderwijsnummer(), bsn = victimBsn }, Ct)).StatusCode);

        var number = NewOnderwijsnummer();
        var (_, ownCase) = await ReferAsync(Referral(onderwijsnummer: number));
        var answer = await ReadAsync(await LinkAsync(Referrer, new { onderwijsnummer = number, bsn = victimBsn }), HttpStatusCode.OK);
        Assert.Equal(["linkedAt", "linkedFrom"], answer.EnumerateObject().Select(p => p.Name).Order());

        // The victim's case stays invisible to the linker, and the two open cases are not merged (no access gained).
        Assert.Equal(HttpStatusCode.NotFound, (await As(Referrer, "school").GetAsync($"/api/intake/cases/{victimCase}", Ct)).StatusCode);
        var cases = await InDbAsync(db => db.Cases.AsNoTracking().Where(c => c.Id == victimCase || c.Id == ownCase).ToListAsync(Ct));
        Assert.Equal(2, cases.Count(c => c.Status != CaseStatus.Closed));
        Assert.DoesNotContain(Referrer, cases.Single(c => c.Id == victimCase).Access.Select(a => a.OrganisationId));
        // A referral by the number now lands with the BSN's child as any referral by that BSN would: not told, no case id.
        var later = await ReadAsync(await As(Referrer, "school").PostAsJsonAsync("/api/intake/referrals", Referral(onderwijsnummer: number), Ct), HttpStatusCode.Created);
        Assert.False(later.GetProperty("linkedToExistingCase").GetBoolean());
        Assert.Equal(JsonValueKind.Null, later.GetProperty("caseId").ValueKind);
    }

    [Fact]
    public async Task A_link_made_in_another_service_moves_the_case_and_its_consents_stay_with_it_ADR_0015()
    {
        var number = NewOnderwijsnummer();
        var (_, caseId) = await ReferAsync(Referral(onderwijsnummer: number));
        var from = References.For(new ChildIdentifier(ChildIdentifierKind.Onderwijsnummer, number));
        var to = References.For(new ChildIdentifier(ChildIdentifierKind.Bsn, NewBsn()));

        var message = new ChildIdentifiersLinked(Guid.NewGuid(), from, to, "gemeente-maastricht", "attendance", DateTimeOffset.UtcNow);
        var id = await Service.PublishAndWaitAsync(message);
        await Service.PublishAndWaitAsync(message, id);

        Assert.Equal(to, await InDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.ChildReference).FirstAsync(Ct)));
        Assert.Equal(1, await InDbAsync(db => db.Set<ChildReferenceLink>().CountAsync(Ct)));
        // The referrer still opens its case: access (and consent) are kept by case, not by reference.
        Assert.Equal(HttpStatusCode.OK, (await As(Referrer, "school").GetAsync($"/api/intake/cases/{caseId}", Ct)).StatusCode);
    }
}
