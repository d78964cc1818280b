using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.ConsentReplica;
using Platform.Contracts.Funding;
using Platform.Handover.Domain;
using Platform.Handover.Infrastructure;
using Platform.Messaging.Outbox;
using Platform.Privacy;
using Platform.TestInfrastructure;

namespace Platform.Handover.Tests;

/// <summary>
/// #24 points 5 and 6 (RULES.md §7): the PO→VO school advice (provisional 10–31 January, doorstroomtoets, final by 24 March,
/// never lowered) and the onderwijskundig rapport (closed list, the parents' copy, "seen" and view) in the handover's dossier,
/// written by the sending school alone and read by the receiving school only after it accepted, under consent.
/// </summary>
public sealed class SchoolReportsTests(TestServersFixture fixture) : ServiceTestBase<Program, HandoverDbContext>(fixture)
{
    private const string Sender = "school-bs-de-linde", Receiver = "school-vo-college-parkstad", ReceiverSwv = "swv-vo-parkstad";
    // 5 January 2027: before the provisional advice's window.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 1, 5, 9, 0, 0, TimeSpan.Zero));

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

    private Task<int> ConsentAsync(string bsn, params string[] organisations) => InDbAsync(db =>
    {
        db.Set<ConsentCopy>().Add(new ConsentCopy
        {
            ConsentId = Guid.NewGuid(), CaseId = Guid.NewGuid(), ChildReference = ReferenceOf(bsn), Organisations = [.. organisations],
            Purposes = ["handover"], GrantedAt = _clock.GetUtcNow(),
        });
        return db.SaveChangesAsync(Ct);
    });

    private HttpClient SenderClient => As(Sender, "school");
    private HttpClient ReceiverClient => As(Receiver, "school", swv: ReceiverSwv);

    private async Task<Guid> StartAsync(string? bsn = null, string switchMoment = "primary-to-secondary", string receiver = Receiver)
    {
        bsn ??= NewBsn();
        await ConsentAsync(bsn, Sender, receiver, ReceiverSwv);
        var started = await SenderClient.PostAsJsonAsync("/api/handover/handovers", new
        {
            child = new { bsn, givenName = "Fenna", familyName = "Coenen", dateOfBirth = "2014-08-08" },
            switchMoment,
            receivingOrganisationId = receiver,
            dueOn = "2027-08-20",
            dossier = new { educationalNeeds = "Small steps.", supportNeeds = "Fixed mentor.", whatWorks = "A visual day plan." },
        }, Ct);
        return (await ReadAsync(started, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    private void SetToday(int month, int day) => _clock.SetUtcNow(new DateTimeOffset(2027, month, day, 9, 0, 0, TimeSpan.Zero));

    private static object Advice(string level, string givenOn, string? notRaisedReason = null) => new { level, givenOn, notRaisedReason };

    private async Task<List<(string Type, string Body)>> EventsAboutAsync(Guid id)
    {
        var rows = await InDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().WithoutAudit().OrderBy(m => m.Sequence).ToListAsync(Ct));
        return [.. rows.Where(r => r.Body.Contains(id.ToString())).Select(r => (r.MessageType.Split('.').Last(), r.Body))];
    }

    private async Task<JsonElement> SchoolAdviceOf(Guid id) =>
        (await ReadAsync(await SenderClient.GetAsync($"/api/handover/handovers/{id}", Ct), HttpStatusCode.OK)).GetProperty("dossier").GetProperty("schoolAdvice");

    private static void AssertRuleRefusal(JsonElement problem, string field)
    {
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Contains("RULES.md §7", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public void The_advice_scale_puts_each_combined_advice_between_its_two_levels_RULES_7()
    {
        Assert.True(AdviceLevels.Rank("pro") < AdviceLevels.Rank("vmbo-b"));
        Assert.True(AdviceLevels.Rank("vmbo-gt") < AdviceLevels.Rank("vmbo-gt/havo"));
        Assert.True(AdviceLevels.Rank("vmbo-gt/havo") < AdviceLevels.Rank("havo"));
        Assert.True(AdviceLevels.Rank("havo") < AdviceLevels.Rank("havo/vwo"));
        Assert.True(AdviceLevels.Rank("havo/vwo") < AdviceLevels.Rank("vwo"));
        Assert.Equal(AdviceLevels.Scale.Count, AdviceLevels.Scale.Select(AdviceLevels.Rank).Distinct().Count());
        Assert.False(AdviceLevels.IsLevel("gymnasium"));
    }

    [Fact]
    public async Task A_provisional_advice_before_10_January_is_refused_and_after_31_January_accepted_and_flagged_late_RULES_7()
    {
        var id = await StartAsync();
        var early = await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/provisional", Advice("havo", "2027-01-05"), Ct);
        AssertRuleRefusal(await ReadAsync(early, (HttpStatusCode)422), "givenOn");
        var future = await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/provisional", Advice("havo", "2027-01-12"), Ct);
        Assert.True((await ReadAsync(future, (HttpStatusCode)422)).GetProperty("errors").TryGetProperty("givenOn", out _));
        var unknownLevel = await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/provisional", Advice("gymnasium", "2027-01-05"), Ct);
        Assert.True((await ReadAsync(unknownLevel, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("level", out _));
        Assert.Equal(JsonValueKind.Null, (await SchoolAdviceOf(id)).ValueKind); // nothing half-written
        Assert.DoesNotContain(await EventsAboutAsync(id), e => e.Type == "SchoolAdviceGiven");

        SetToday(2, 3);
        var late = await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/provisional", Advice("havo", "2027-02-02"), Ct);
        var provisional = (await ReadAsync(late, HttpStatusCode.OK)).GetProperty("dossier").GetProperty("schoolAdvice").GetProperty("provisional");
        Assert.Equal("havo", provisional.GetProperty("level").GetString());
        Assert.True(provisional.GetProperty("late").GetBoolean());
        // Given once: a second provisional advice is not a legal move.
        Assert.Equal(HttpStatusCode.Conflict, (await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/provisional", Advice("vwo", "2027-02-02"), Ct)).StatusCode);

        var inTime = await StartAsync();
        var onTime = await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{inTime}/school-advice/provisional", Advice("vmbo-k", "2027-01-20"), Ct);
        Assert.False((await ReadAsync(onTime, HttpStatusCode.OK)).GetProperty("dossier").GetProperty("schoolAdvice").GetProperty("provisional").GetProperty("late").GetBoolean());
        var given = (await EventsAboutAsync(id)).Single(e => e.Type == "SchoolAdviceGiven");
        Assert.True(JsonDocument.Parse(given.Body).RootElement.GetProperty("late").GetBoolean());
    }

    [Fact]
    public async Task The_final_advice_is_never_below_the_provisional_is_raised_after_a_higher_doorstroomtoets_and_a_revision_only_raises_it_RULES_7()
    {
        SetToday(1, 15);
        var id = await StartAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/final", Advice("havo", "2027-01-15"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/provisional", Advice("havo", "2027-01-15"), Ct)).StatusCode);
        SetToday(2, 12);
        Assert.Equal(HttpStatusCode.OK, (await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/doorstroomtoets", new { level = "vwo", takenOn = "2027-02-10" }, Ct)).StatusCode);
        SetToday(3, 20);

        // Lower than the provisional advice: refused, naming the rule.
        var lower = await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/final", Advice("vmbo-gt/havo", "2027-03-20"), Ct);
        AssertRuleRefusal(await ReadAsync(lower, (HttpStatusCode)422), "level");
        // The test came out higher: kept at havo only with the reason it is not in the child's interest.
        var notRaised = await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/final", Advice("havo", "2027-03-20"), Ct);
        AssertRuleRefusal(await ReadAsync(notRaised, (HttpStatusCode)422), "notRaisedReason");
        Assert.Equal(JsonValueKind.Null, (await SchoolAdviceOf(id)).GetProperty("final").ValueKind);

        var final = await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/final", Advice("havo/vwo", "2027-03-20"), Ct);
        Assert.False((await ReadAsync(final, HttpStatusCode.OK)).GetProperty("dossier").GetProperty("schoolAdvice").GetProperty("final").GetProperty("late").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/final", Advice("vwo", "2027-03-20"), Ct)).StatusCode);

        // A revision only raises: lower and equal are refused, naming the rule; higher is taken.
        foreach (var level in new[] { "havo", "havo/vwo" })
            AssertRuleRefusal(await ReadAsync(await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/revisions", Advice(level, "2027-03-20"), Ct), (HttpStatusCode)422), "level");
        var raised = await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/revisions", Advice("vwo", "2027-03-20"), Ct);
        var advice = (await ReadAsync(raised, HttpStatusCode.OK)).GetProperty("dossier").GetProperty("schoolAdvice");
        Assert.Equal("vwo", advice.GetProperty("current").GetProperty("level").GetString());
        Assert.Equal("havo/vwo", advice.GetProperty("final").GetProperty("level").GetString());
        Assert.Equal(["SchoolAdviceGiven", "DoorstroomtoetsResultRecorded", "SchoolAdviceGiven", "SchoolAdviceGiven"],
            (await EventsAboutAsync(id)).Select(e => e.Type).Where(t => t != "HandoverStarted"));
    }

    [Fact]
    public async Task A_final_advice_after_24_March_is_accepted_and_flagged_late_and_keeps_the_reason_it_was_not_raised_RULES_7()
    {
        SetToday(1, 20);
        var id = await StartAsync();
        await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/provisional", Advice("vmbo-gt", "2027-01-20"), Ct);
        // The doorstroomtoets follows the provisional advice, not before it.
        var before = await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/doorstroomtoets", new { level = "havo", takenOn = "2027-01-19" }, Ct);
        Assert.True((await ReadAsync(before, (HttpStatusCode)422)).GetProperty("errors").TryGetProperty("takenOn", out _));
        SetToday(4, 2);
        await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/doorstroomtoets", new { level = "havo", takenOn = "2027-02-10" }, Ct);
        var final = await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/final",
            Advice("vmbo-gt", "2027-04-01", "Lower stress in year 1; reviewed after the first term."), Ct);
        var step = (await ReadAsync(final, HttpStatusCode.OK)).GetProperty("dossier").GetProperty("schoolAdvice").GetProperty("final");
        Assert.True(step.GetProperty("late").GetBoolean());
        Assert.Equal("Lower stress in year 1; reviewed after the first term.", step.GetProperty("notRaisedReason").GetString());
        Assert.DoesNotContain((await EventsAboutAsync(id)), e => e.Body.Contains("Lower stress"));
    }

    [Fact]
    public async Task A_school_advice_belongs_to_the_switch_from_primary_to_secondary_only_RULES_7()
    {
        SetToday(1, 20);
        var id = await StartAsync(switchMoment: "primary-to-sbo", receiver: "school-sbo-het-kompas");
        var refused = await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/provisional", Advice("pro", "2027-01-20"), Ct);
        AssertRuleRefusal(await ReadAsync(refused, (HttpStatusCode)422), "switchMoment");
    }

    [Fact]
    public async Task The_onderwijskundig_rapport_takes_only_the_sections_of_the_closed_list_and_the_OPP_when_leaving_special_education_RULES_7()
    {
        var id = await StartAsync();
        var other = await SenderClient.PutAsJsonAsync($"/api/handover/handovers/{id}/onderwijskundig-rapport",
            new { administrativeData = "Groep 1-8 at De Linde.", results = "Reading at 1F.", familyIncome = "Low" }, Ct);
        AssertRuleRefusal(await ReadAsync(other, (HttpStatusCode)422), "familyIncome");
        Assert.DoesNotContain("Low", await other.Content.ReadAsStringAsync(Ct));
        var noAdministration = await SenderClient.PutAsJsonAsync($"/api/handover/handovers/{id}/onderwijskundig-rapport", new { results = "Reading at 1F." }, Ct);
        Assert.True((await ReadAsync(noAdministration, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("administrativeData", out _));
        var dossier = (await ReadAsync(await SenderClient.GetAsync($"/api/handover/handovers/{id}", Ct), HttpStatusCode.OK)).GetProperty("dossier");
        Assert.Equal(JsonValueKind.Null, dossier.GetProperty("onderwijskundigRapport").ValueKind);

        var written = await SenderClient.PutAsJsonAsync($"/api/handover/handovers/{id}/onderwijskundig-rapport", new
        {
            administrativeData = "Groep 1-8 at De Linde; no absence to note.", results = "Reading at 1F, arithmetic at 1S.", supportGiven = "Extended instruction.",
            socialEmotionalDevelopment = "Settled.", workAttitude = "Works independently.", schoolAdvice = "See the advice.", testResult = "See the test.",
        }, Ct);
        var rapport = (await ReadAsync(written, HttpStatusCode.OK)).GetProperty("dossier").GetProperty("onderwijskundigRapport");
        Assert.Equal("Extended instruction.", rapport.GetProperty("supportGiven").GetString());
        var writtenEvent = (await EventsAboutAsync(id)).Single(e => e.Type == "OnderwijskundigRapportWritten");
        Assert.Contains("supportGiven", writtenEvent.Body);
        Assert.DoesNotContain("Extended instruction", writtenEvent.Body);

        // Leaving special education: the OPP belongs in it.
        var fromSo = await StartAsync(switchMoment: "so-to-primary", receiver: "school-bs-het-palet");
        var noOpp = await SenderClient.PutAsJsonAsync($"/api/handover/handovers/{fromSo}/onderwijskundig-rapport", new { administrativeData = "SO De Linde." }, Ct);
        AssertRuleRefusal(await ReadAsync(noOpp, (HttpStatusCode)422), "opp");
        Assert.Equal(HttpStatusCode.OK, (await SenderClient.PutAsJsonAsync($"/api/handover/handovers/{fromSo}/onderwijskundig-rapport",
            new { administrativeData = "SO De Linde.", opp = "OPP 2026: uitstroom regulier." }, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_school_records_the_parents_copy_seen_and_view_on_their_behalf_and_then_the_rapport_no_longer_changes_RULES_7()
    {
        var id = await StartAsync();
        var url = $"/api/handover/handovers/{id}/onderwijskundig-rapport";
        Assert.Equal(HttpStatusCode.Conflict, (await SenderClient.PostAsJsonAsync($"{url}/parents-copy", new { givenOn = "2027-01-05" }, Ct)).StatusCode);
        await SenderClient.PutAsJsonAsync(url, new { administrativeData = "Groep 1-8 at De Linde." }, Ct);
        // "Seen" is on the copy: none yet.
        Assert.Equal(HttpStatusCode.Conflict, (await SenderClient.PostAsJsonAsync($"{url}/parents-seen", new { seenOn = "2027-01-05" }, Ct)).StatusCode);
        Assert.Equal((HttpStatusCode)422, (await SenderClient.PostAsJsonAsync($"{url}/parents-copy", new { givenOn = "2027-01-04" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SenderClient.PostAsJsonAsync($"{url}/parents-copy", new { givenOn = "2027-01-05" }, Ct)).StatusCode);
        SetToday(1, 12);
        Assert.Equal((HttpStatusCode)422, (await SenderClient.PostAsJsonAsync($"{url}/parents-seen", new { seenOn = "2027-01-13" }, Ct)).StatusCode);
        var seen = await SenderClient.PostAsJsonAsync($"{url}/parents-seen", new { seenOn = "2027-01-11", view = "We think she can do more than this." }, Ct);
        var rapport = (await ReadAsync(seen, HttpStatusCode.OK)).GetProperty("dossier").GetProperty("onderwijskundigRapport");
        Assert.Equal("2027-01-05", rapport.GetProperty("copyToParentsOn").GetString());
        Assert.Equal("2027-01-11", rapport.GetProperty("parentsSeenOn").GetString());
        Assert.Equal("We think she can do more than this.", rapport.GetProperty("parentsView").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await SenderClient.PostAsJsonAsync($"{url}/parents-seen", new { seenOn = "2027-01-12" }, Ct)).StatusCode);
        // What the parents signed is what the receiving school gets.
        Assert.Equal(HttpStatusCode.Conflict, (await SenderClient.PutAsJsonAsync(url, new { administrativeData = "Changed." }, Ct)).StatusCode);
        var steps = (await EventsAboutAsync(id)).Where(e => e.Type == "OnderwijskundigRapportParentsStep").ToList();
        Assert.Equal(2, steps.Count);
        Assert.DoesNotContain(steps, e => e.Body.Contains("can do more"));
    }

    [Fact]
    public async Task The_receiving_school_reads_advice_and_rapport_only_after_acceptance_under_consent_and_its_SWV_never_RULES_7()
    {
        SetToday(1, 20);
        var id = await StartAsync();
        await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/provisional", Advice("havo", "2027-01-20"), Ct);
        await SenderClient.PutAsJsonAsync($"/api/handover/handovers/{id}/onderwijskundig-rapport", new { administrativeData = "Groep 1-8 at De Linde." }, Ct);

        // Before the pupil applied or enrolled (acceptance): nothing of it reaches the receiver or its SWV.
        var before = await ReadAsync(await ReceiverClient.GetAsync($"/api/handover/handovers/{id}", Ct), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("dossier").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await ReceiverClient.PostAsync($"/api/handover/handovers/{id}/acceptance", null, Ct)).StatusCode);
        SetToday(3, 20);
        await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/final", Advice("havo", "2027-03-20"), Ct);

        var dossier = (await ReadAsync(await ReceiverClient.GetAsync($"/api/handover/handovers/{id}", Ct), HttpStatusCode.OK)).GetProperty("dossier");
        Assert.Equal("havo", dossier.GetProperty("schoolAdvice").GetProperty("final").GetProperty("level").GetString());
        Assert.Equal("Groep 1-8 at De Linde.", dossier.GetProperty("onderwijskundigRapport").GetProperty("administrativeData").GetString());
        // The SWV follows the handover with the dossier, but the advice and the rapport are the receiving school's.
        var swvDossier = (await ReadAsync(await As(ReceiverSwv, "swv").GetAsync($"/api/handover/handovers/{id}", Ct), HttpStatusCode.OK)).GetProperty("dossier");
        Assert.Equal("Small steps.", swvDossier.GetProperty("educationalNeeds").GetString());
        Assert.Equal(JsonValueKind.Null, swvDossier.GetProperty("schoolAdvice").ValueKind);
        Assert.Equal(JsonValueKind.Null, swvDossier.GetProperty("onderwijskundigRapport").ValueKind);
        var listed = (await ReadAsync(await As(ReceiverSwv, "swv").GetAsync("/api/handover/handovers", Ct), HttpStatusCode.OK)).GetProperty("items")
            .EnumerateArray().Single(h => h.GetProperty("id").GetGuid() == id);
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("dossier").GetProperty("schoolAdvice").ValueKind);

        // Without a consent naming it, the receiving school sees none of it (RULES.md §6), as with the rest of the dossier.
        await InDbAsync(async db =>
        {
            foreach (var consent in await db.Set<ConsentCopy>().Where(c => c.Organisations.Contains(Receiver)).ToListAsync(Ct)) consent.WithdrawnAt = _clock.GetUtcNow();
            return await db.SaveChangesAsync(Ct);
        });
        Assert.Equal(JsonValueKind.Null, (await ReadAsync(await ReceiverClient.GetAsync($"/api/handover/handovers/{id}", Ct), HttpStatusCode.OK)).GetProperty("dossier").ValueKind);
    }

    [Fact]
    public async Task Only_the_sending_school_writes_advice_and_rapport_every_other_role_is_refused_before_the_body_RULES_7()
    {
        SetToday(1, 20);
        var id = await StartAsync();
        var moves = new[]
        {
            ("POST", "school-advice/provisional"), ("POST", "school-advice/doorstroomtoets"), ("POST", "school-advice/final"), ("POST", "school-advice/revisions"),
            ("PUT", "onderwijskundig-rapport"), ("POST", "onderwijskundig-rapport/parents-copy"), ("POST", "onderwijskundig-rapport/parents-seen"),
        };
        // Involved but not the sender: the receiving school (before and after the pupil applied) and, once it follows the handover
        // (from the acceptance), its SWV: 403. Not involved: another school of the sender's own area (Handover knows no boards: another
        // school is another school), the receiving SWV before it follows, another SWV, childcare, the municipality, JGZ, youth care: 404.
        var receiver = (Receiver, "school", (string?)ReceiverSwv);
        var swv = (ReceiverSwv, "swv", (string?)null);
        var strangers = new[] { ("school-sbo-het-kompas", "school"), ("swv-po-maastricht-heuvelland", "swv"), ("kinderopvang-de-kleine-wereld", "childcare"),
            ("gemeente-maastricht", "municipality"), ("jgz-zuid-limburg", "jgz"), ("jeugdhulp-horizon", "youth-care-provider") };
        var bodies = new[] { "{", "{}", """{"level":"vwo","givenOn":"2027-01-20","takenOn":"2027-01-20","administrativeData":"x","givenOn2":1}""" };
        var wrong = new List<string>();
        async Task CheckAsync(string organisation, string type, string? swv, HttpStatusCode expected)
        {
            var client = As(organisation, type, swv: swv);
            foreach (var (method, path) in moves)
            foreach (var body in bodies)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/handover/handovers/{id}/{path}")
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                var response = await client.SendAsync(request, Ct);
                if (response.StatusCode != expected || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    wrong.Add($"{organisation} {method} {path} {body}: {(int)response.StatusCode}, expected {(int)expected}");
            }
        }
        await CheckAsync(receiver.Receiver, receiver.Item2, receiver.Item3, HttpStatusCode.Forbidden);
        await CheckAsync(swv.ReceiverSwv, swv.Item2, null, HttpStatusCode.NotFound);
        foreach (var (organisation, type) in strangers) await CheckAsync(organisation, type, null, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await ReceiverClient.PostAsync($"/api/handover/handovers/{id}/acceptance", null, Ct)).StatusCode);
        await CheckAsync(receiver.Receiver, receiver.Item2, receiver.Item3, HttpStatusCode.Forbidden);
        await CheckAsync(swv.ReceiverSwv, swv.Item2, null, HttpStatusCode.Forbidden);
        foreach (var (organisation, type) in strangers) await CheckAsync(organisation, type, null, HttpStatusCode.NotFound);
        Assert.Empty(wrong);

        // Nothing was written, and the sender itself gets its 400 for the empty body.
        var dossier = (await ReadAsync(await SenderClient.GetAsync($"/api/handover/handovers/{id}", Ct), HttpStatusCode.OK)).GetProperty("dossier");
        Assert.Equal(JsonValueKind.Null, dossier.GetProperty("schoolAdvice").ValueKind);
        Assert.Equal(JsonValueKind.Null, dossier.GetProperty("onderwijskundigRapport").ValueKind);
        foreach (var (method, path) in moves)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/handover/handovers/{id}/{path}") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            Assert.Equal(HttpStatusCode.BadRequest, (await SenderClient.SendAsync(request, Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task A_completed_handovers_dossier_no_longer_takes_advice_or_rapport()
    {
        SetToday(1, 20);
        var id = await StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await ReceiverClient.PostAsync($"/api/handover/handovers/{id}/acceptance", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReceiverClient.PostAsJsonAsync($"/api/handover/handovers/{id}/meeting",
            new { heldOn = "2027-01-20", participants = new[] { Sender, Receiver }, parentsPresent = true }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReceiverClient.PostAsync($"/api/handover/handovers/{id}/completion", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await SenderClient.PostAsJsonAsync($"/api/handover/handovers/{id}/school-advice/provisional", Advice("havo", "2027-01-20"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await SenderClient.PutAsJsonAsync($"/api/handover/handovers/{id}/onderwijskundig-rapport", new { administrativeData = "x" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task An_ended_placement_is_no_longer_current_care_in_a_later_handover()
    {
        var bsn = NewBsn();
        var reference = ReferenceOf(bsn);
        PlacementConfirmed Placement() => new(Guid.NewGuid(), Guid.NewGuid(), reference, Guid.NewGuid(), "collective", Today.AddDays(-200), DateTimeOffset.UtcNow);
        var ended = Placement();
        var endsLater = Placement();
        var endedFirst = Placement(); // its end arrives before the placement itself
        foreach (var placement in new[] { ended, endsLater })
            await Service.PublishAndWaitAsync(placement);
        await Service.PublishAndWaitAsync(new PlacementEnded(ended.PlacementId, ended.ArrangementId, reference, "ended", Today.AddDays(-1), DateTimeOffset.UtcNow));
        await Service.PublishAndWaitAsync(new PlacementEnded(endsLater.PlacementId, endsLater.ArrangementId, reference, "ended", Today.AddDays(10), DateTimeOffset.UtcNow));
        await Service.PublishAndWaitAsync(new PlacementEnded(endedFirst.PlacementId, endedFirst.ArrangementId, reference, "ended", Today.AddDays(-3), DateTimeOffset.UtcNow));
        await Service.PublishAndWaitAsync(endedFirst);

        var id = await StartAsync(bsn);
        var care = (await ReadAsync(await SenderClient.GetAsync($"/api/handover/handovers/{id}", Ct), HttpStatusCode.OK)).GetProperty("care")
            .EnumerateArray().Select(c => c.GetProperty("description").GetString()!).ToList();
        Assert.Single(care);
        Assert.Contains(endsLater.ArrangementId.ToString(), care[0]);
    }
}
