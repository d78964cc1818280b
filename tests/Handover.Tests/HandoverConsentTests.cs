using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.ConsentReplica;
using Platform.Contracts.Funding;
using Platform.Contracts.Intake;
using Platform.Handover.Infrastructure;
using Platform.Privacy;
using Platform.TestInfrastructure;

namespace Platform.Handover.Tests;

/// <summary>
/// #25 point 3: a handover starts only under a consent for the purpose <c>handover</c> naming the sender and the
/// receiver (RULES.md §6 consent; the consent naming the sender is its link to the child's case), and the care items,
/// like the dossier, reach the receiver and the receiving SWV only after acceptance (RULES.md §7: only once the child
/// applied or enrolled) and under that consent; a withdrawal (ConsentWithdrawn through the replica) removes both from
/// every answer.
/// </summary>
public sealed class HandoverConsentTests(TestServersFixture fixture) : ServiceTestBase<Program, HandoverDbContext>(fixture)
{
    private const string Sender = "school-bs-de-linde", Receiver = "school-vo-college-parkstad", ReceiverSwv = "swv-vo-parkstad";
    private const string NoConsentType = "https://platform.example/problems/handover-consent-required";
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

    private string ReferenceOf(string bsn)
    {
        Bsn.TryParse(bsn, out var parsed);
        return Service.Services.GetRequiredService<ChildReferences>().For(parsed);
    }

    private Task<int> ConsentAsync(string bsn, string[] organisations, string purpose = "handover", DateOnly? expiresOn = null, bool withdrawn = false) =>
        InDbAsync(db =>
        {
            db.Set<ConsentCopy>().Add(new ConsentCopy
            {
                ConsentId = Guid.NewGuid(), CaseId = Guid.NewGuid(), ChildReference = ReferenceOf(bsn), Organisations = [.. organisations],
                Purposes = [purpose], ExpiresOn = expiresOn, GrantedAt = _clock.GetUtcNow(), WithdrawnAt = withdrawn ? _clock.GetUtcNow() : null,
            });
            return db.SaveChangesAsync(Ct);
        });

    private object Start(string bsn, string receiver = Receiver, string switchMoment = "primary-to-secondary") => new
    {
        child = new { bsn, givenName = "Fenna", familyName = "Coenen", dateOfBirth = "2014-08-08" },
        switchMoment,
        receivingOrganisationId = receiver,
        dueOn = Today.AddDays(30).ToString("yyyy-MM-dd"),
        dossier = new { educationalNeeds = "Small steps.", supportNeeds = "Fixed mentor.", whatWorks = "A visual day plan." },
        youthCare = new[] { new { description = "Jeugdhulp Horizon: weekly sessions on anxiety" } },
    };

    private async Task PublishAndWaitAsync(object message, Func<HandoverDbContext, Task<bool>> arrived)
    {
        await Service.PublishAsync(message);
        await Eventually.TrueAsync(() => InDbAsync(arrived), $"the effect of {message.GetType().Name} in Handover's database", ct: Ct);
    }

    [Fact]
    public async Task Starting_needs_a_handover_consent_in_force_naming_sender_and_receiver_for_each_role_RULES_6()
    {
        // Each case: who starts, the consent the child has, and the answer. A refusal for lack of consent is the same 422 in every
        // case (no oracle); other organisation types are refused before the body (403).
        var cases = new (string Name, string Organisation, string Type, Func<string, Task> Consent, string Receiver, string Switch, HttpStatusCode Expected)[]
        {
            ("school named with the receiver", Sender, "school", bsn => ConsentAsync(bsn, [Sender, Receiver]), Receiver, "primary-to-secondary", HttpStatusCode.Created),
            ("childcare named with the receiver", "kinderopvang-de-kleine-wereld", "childcare",
                bsn => ConsentAsync(bsn, ["kinderopvang-de-kleine-wereld", Sender]), Sender, "childcare-to-primary", HttpStatusCode.Created),
            ("a school knowing only the BSN", Sender, "school", _ => Task.CompletedTask, Receiver, "primary-to-secondary", (HttpStatusCode)422),
            ("a school not named, the child has a handover consent for others", "school-bs-het-palet", "school",
                bsn => ConsentAsync(bsn, [Sender, Receiver]), Receiver, "primary-to-secondary", (HttpStatusCode)422),
            ("the receiver not named", Sender, "school", bsn => ConsentAsync(bsn, [Sender, "school-vso-de-berg"]), Receiver, "primary-to-secondary", (HttpStatusCode)422),
            ("sender and receiver in two consents, neither naming both", Sender, "school",
                async bsn => { await ConsentAsync(bsn, [Sender, "school-vso-de-berg"]); await ConsentAsync(bsn, [Receiver, "school-vso-de-berg"]); },
                Receiver, "primary-to-secondary", (HttpStatusCode)422),
            ("a consent for support only", Sender, "school", bsn => ConsentAsync(bsn, [Sender, Receiver], "support"), Receiver, "primary-to-secondary", (HttpStatusCode)422),
            ("an expired consent", Sender, "school", bsn => ConsentAsync(bsn, [Sender, Receiver], expiresOn: Today.AddDays(-1)), Receiver, "primary-to-secondary", (HttpStatusCode)422),
            ("a withdrawn consent", Sender, "school", bsn => ConsentAsync(bsn, [Sender, Receiver], withdrawn: true), Receiver, "primary-to-secondary", (HttpStatusCode)422),
            ("childcare not named", "kinderopvang-de-kleine-wereld", "childcare", bsn => ConsentAsync(bsn, [Sender, Receiver]), Sender, "childcare-to-primary", (HttpStatusCode)422),
            ("a municipality named in the consent", "gemeente-maastricht", "municipality", bsn => ConsentAsync(bsn, ["gemeente-maastricht", Receiver]), Receiver, "primary-to-secondary", HttpStatusCode.Forbidden),
            ("an SWV named in the consent", ReceiverSwv, "swv", bsn => ConsentAsync(bsn, [ReceiverSwv, Receiver]), Receiver, "primary-to-secondary", HttpStatusCode.Forbidden),
            ("jgz", "jgz-zuid-limburg", "jgz", bsn => ConsentAsync(bsn, ["jgz-zuid-limburg", Receiver]), Receiver, "primary-to-secondary", HttpStatusCode.Forbidden),
            ("youth care", "jeugdhulp-horizon", "youth-care-provider", bsn => ConsentAsync(bsn, ["jeugdhulp-horizon", Receiver]), Receiver, "primary-to-secondary", HttpStatusCode.Forbidden),
        };
        var wrong = new List<string>();
        var refusals = new HashSet<string>();
        foreach (var c in cases)
        {
            var bsn = NewBsn();
            await c.Consent(bsn);
            var response = await As(c.Organisation, c.Type).PostAsJsonAsync("/api/handover/handovers", Start(bsn, c.Receiver, c.Switch), Ct);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
            if (response.StatusCode != c.Expected) wrong.Add($"{c.Name}: {(int)response.StatusCode}, expected {(int)c.Expected}");
            if (c.Expected == (HttpStatusCode)422)
            {
                if (body.GetProperty("type").GetString() != NoConsentType) wrong.Add($"{c.Name}: type {body.GetProperty("type")}");
                var node = System.Text.Json.Nodes.JsonNode.Parse(body.GetRawText())!.AsObject();
                node.Remove("traceId");
                refusals.Add(node.ToJsonString());
                if (await InDbAsync(db => db.Handovers.AnyAsync(h => h.ChildReference == ReferenceOf(bsn), Ct))) wrong.Add($"{c.Name}: a handover was written");
            }
        }
        Assert.Empty(wrong);
        Assert.Single(refusals); // one and the same refusal, whatever is known of the child
    }

    [Fact]
    public async Task A_terugplaatsing_naming_a_TLV_tells_a_school_without_consent_nothing_of_the_childs_TLVs()
    {
        // No oracle (#25): the consent is checked before the TLV, so a running TLV of the child and a made-up id answer alike.
        var bsn = NewBsn();
        var tlvId = Guid.NewGuid();
        await InDbAsync(db =>
        {
            db.Tlvs.Add(new Domain.KnownTlv { TlvId = tlvId, ChildReference = ReferenceOf(bsn), Kind = "sbo", ValidUntil = Today.AddDays(100) });
            return db.SaveChangesAsync(Ct);
        });
        async Task<JsonElement> RefusalAsync(Guid tlv)
        {
            var request = JsonSerializer.SerializeToNode(Start(bsn, Receiver, "sbo-to-primary"))!.AsObject();
            request["endsTlvId"] = tlv;
            var response = await As("school-sbo-het-kompas", "school").PostAsJsonAsync("/api/handover/handovers", request, Ct);
            Assert.Equal((HttpStatusCode)422, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        }
        var real = await RefusalAsync(tlvId);
        var madeUp = await RefusalAsync(Guid.NewGuid());
        Assert.Equal(NoConsentType, real.GetProperty("type").GetString());
        Assert.Equal(madeUp.GetProperty("detail").GetString(), real.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Care_and_dossier_reach_the_receiver_and_its_SWV_only_after_acceptance_under_consent_and_a_withdrawal_removes_them_from_every_answer()
    {
        var bsn = NewBsn();
        var reference = ReferenceOf(bsn);
        var placement = new PlacementConfirmed(Guid.NewGuid(), Guid.NewGuid(), reference, Guid.NewGuid(), "collective", Today.AddDays(-100), DateTimeOffset.UtcNow);
        await PublishAndWaitAsync(placement, db => db.Arrangements.AnyAsync(a => a.PlacementId == placement.PlacementId));
        var forHandover = new ConsentGranted(Guid.NewGuid(), Guid.NewGuid(), reference, [Sender, Receiver], "Handover to secondary", ["parents"], null,
            _clock.GetUtcNow(), ["handover"]);
        await PublishAndWaitAsync(forHandover, db => db.Set<ConsentCopy>().AnyAsync(c => c.ConsentId == forHandover.ConsentId));
        // The SWV is named at first only for support: not for the handover (purpose limitation, RULES.md §6).
        var swvForSupport = new ConsentGranted(Guid.NewGuid(), forHandover.CaseId, reference, [ReceiverSwv], "Support", ["parents"], null, _clock.GetUtcNow(), ["support"]);
        await PublishAndWaitAsync(swvForSupport, db => db.Set<ConsentCopy>().AnyAsync(c => c.ConsentId == swvForSupport.ConsentId));

        var started = await As(Sender, "school").PostAsJsonAsync("/api/handover/handovers", Start(bsn), Ct);
        var startedBody = await ReadAsync(started, HttpStatusCode.Created);
        var id = startedBody.GetProperty("id").GetGuid();
        Assert.Equal(["funding", "youth-care"], Sources(startedBody));

        var sender = As(Sender, "school");
        var receiver = As(Receiver, "school", swv: ReceiverSwv);
        var swv = As(ReceiverSwv, "swv");
        async Task<JsonElement> ReadOneAsync(HttpClient client) => await client.GetFromJsonAsync<JsonElement>($"/api/handover/handovers/{id}", Ct);
        async Task<JsonElement> ListedAsync(HttpClient client) =>
            (await client.GetFromJsonAsync<JsonElement>("/api/handover/handovers?limit=200", Ct)).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id);
        var wrong = new List<string>();
        async Task ExpectAsync(string when, string who, HttpClient client, bool dossier, string[] care)
        {
            foreach (var (how, answer) in new[] { ("read", await ReadOneAsync(client)), ("list", await ListedAsync(client)) })
                Check($"{when}, {who} {how}", answer, dossier, care);
        }
        void Check(string what, JsonElement answer, bool dossier, string[] care)
        {
            if ((answer.GetProperty("dossier").ValueKind == JsonValueKind.Object) != dossier) wrong.Add($"{what}: dossier {(dossier ? "missing" : "shown")}");
            if ((answer.GetProperty("child").ValueKind == JsonValueKind.Object) != dossier) wrong.Add($"{what}: child {(dossier ? "missing" : "shown")}");
            if (!Sources(answer).SequenceEqual(care)) wrong.Add($"{what}: care [{string.Join(",", Sources(answer))}], expected [{string.Join(",", care)}]");
        }

        // Before acceptance the receiver sees neither the dossier nor any care item (RULES.md §7: not before application or enrolment).
        await ExpectAsync("started", "receiver", receiver, dossier: false, care: []);
        await ExpectAsync("started", "sender", sender, dossier: true, care: ["funding", "youth-care"]);

        var accepted = await ReadAsync(await receiver.PostAsync($"/api/handover/handovers/{id}/acceptance", null, Ct), HttpStatusCode.OK);
        Check("the receiver's acceptance answer", accepted, dossier: true, care: ["funding", "youth-care"]);
        await ExpectAsync("accepted", "receiver", receiver, dossier: true, care: ["funding", "youth-care"]);
        // The receiving SWV follows, but sees care (and the dossier) only under a consent for the handover naming it.
        await ExpectAsync("accepted, SWV consent for support only", "SWV", swv, dossier: false, care: []);
        var swvForHandover = new ConsentGranted(Guid.NewGuid(), forHandover.CaseId, reference, [ReceiverSwv], "Handover: the SWV", ["parents"], null, _clock.GetUtcNow(), ["handover"]);
        await PublishAndWaitAsync(swvForHandover, db => db.Set<ConsentCopy>().AnyAsync(c => c.ConsentId == swvForHandover.ConsentId));
        await ExpectAsync("accepted, SWV under consent", "SWV", swv, dossier: true, care: ["funding", "youth-care"]);
        Assert.Equal(JsonValueKind.Null, (await ReadOneAsync(swv)).GetProperty("child").GetProperty("bsn").ValueKind);
        Assert.Empty(wrong);

        // The family withdraws both consents (ConsentWithdrawn through the replica): care and dossier go from every answer at once.
        foreach (var consent in new[] { forHandover, swvForHandover })
        {
            var withdrawn = new ConsentWithdrawn(consent.ConsentId, consent.CaseId, consent.ChildReference, consent.Organisations, _clock.GetUtcNow());
            await PublishAndWaitAsync(withdrawn, db => db.Set<ConsentCopy>().AnyAsync(c => c.ConsentId == consent.ConsentId && c.WithdrawnAt != null));
        }
        await ExpectAsync("withdrawn", "receiver", receiver, dossier: false, care: []);
        await ExpectAsync("withdrawn", "SWV", swv, dossier: false, care: []);
        // The sender keeps its own dossier and the youth care it named, not the child's arrangements from Funding.
        await ExpectAsync("withdrawn", "sender", sender, dossier: true, care: ["youth-care"]);
        // The answers to moves too.
        var meeting = await receiver.PostAsJsonAsync($"/api/handover/handovers/{id}/meeting", new
        {
            heldOn = Today.ToString("yyyy-MM-dd"), participants = new[] { Sender, Receiver }, parentsPresent = true, youthCarePresent = false,
        }, Ct);
        Check("withdrawn, the receiver's meeting answer", await ReadAsync(meeting, HttpStatusCode.OK), dossier: false, care: []);
        Assert.Empty(wrong);

        // Without consent the receiver confirms no care item (it may no longer see them): 422 naming the rule, nothing stored.
        var item = startedBody.GetProperty("care")[0].GetProperty("id").GetGuid();
        var confirm = await receiver.PostAsJsonAsync($"/api/handover/handovers/{id}/care/{item}/confirmation", new { continues = true }, Ct);
        Assert.Equal((HttpStatusCode)422, confirm.StatusCode);
        Assert.Equal(NoConsentType, (await confirm.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("type").GetString());
        Assert.All((await InDbAsync(db => db.Handovers.AsNoTracking().SingleAsync(h => h.Id == id, Ct))).Care, c => Assert.False(c.IsConfirmed));
    }

    private static List<string> Sources(JsonElement answer) =>
        [.. answer.GetProperty("care").EnumerateArray().Select(c => c.GetProperty("source").GetString()!).Order()];
}
