using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.ConsentReplica;
using Platform.Contracts.Funding;
using Platform.Contracts.Intake;
using Platform.Handover.Jobs;
using Platform.Handover.Infrastructure;
using Platform.Messaging.Outbox;
using Platform.Privacy;
using Platform.TestInfrastructure;

namespace Platform.Handover.Tests;

public sealed class HandoverProtocolTests(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly TestTokens _tokens = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private ServiceFactory<Program, HandoverDbContext> _handover = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    public async ValueTask InitializeAsync()
    {
        _handover = await ServiceFactory<Program, HandoverDbContext>.StartAsync(fixture.Servers, new() { Tokens = _tokens, Clock = _clock, Prefix = "handover" });
    }

    public async ValueTask DisposeAsync() => await _handover.DisposeAsync();

    private HttpClient As(string organisation, string type = "school")
    {
        var client = _handover.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.For(organisation, "handover-api", type));
        return client;
    }

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
        return _handover.Services.GetRequiredService<ChildReferences>().For(parsed);
    }

    private object Start(string bsn, string receiver = "school-vo-college-parkstad", string switchMoment = "primary-to-secondary", int dueInDays = 30) => new
    {
        child = new { bsn, givenName = "Fenna", familyName = "Coenen", dateOfBirth = "2014-08-08" },
        switchMoment,
        receivingOrganisationId = receiver,
        dueOn = Today.AddDays(dueInDays).ToString("yyyy-MM-dd"),
        dossier = new
        {
            educationalNeeds = "Needs instructions in small steps.",
            supportNeeds = "Quiet place to work; fixed mentor.",
            whatWorks = "A visual day plan.",
            parentsView = "She is anxious about the bigger school.",
            childsView = "I want to sit by the window.",
            attachments = new[] { new { name = "OPP 2026.pdf", mediaType = "application/pdf", sizeBytes = 120_000L, reference = "dms://bs-de-linde/opp/4711" } },
        },
        youthCare = new[] { new { description = "Jeugdhulp Horizon: weekly sessions on anxiety" } },
    };

    /// <summary>A consent for the purposes, in force, naming the organisations: written into the replica as Intake's events would.</summary>
    private Task<int> ConsentAsync(string bsn, string[] organisations, params string[] purposes) => _handover.InDbAsync(db =>
    {
        db.Set<ConsentCopy>().Add(new ConsentCopy
        {
            ConsentId = Guid.NewGuid(), CaseId = Guid.NewGuid(), ChildReference = ReferenceOf(bsn), Organisations = [.. organisations],
            Purposes = purposes.Length > 0 ? [.. purposes] : ["handover"], GrantedAt = _clock.GetUtcNow(),
        });
        return db.SaveChangesAsync(Ct);
    });

    /// <summary>Starts a handover under a consent for it naming the sender and the receiver (#25 point 3).</summary>
    private async Task<JsonElement> StartAsync(string bsn, string receiver = "school-vo-college-parkstad")
    {
        await ConsentAsync(bsn, ["school-bs-de-linde", receiver]);
        var response = await As("school-bs-de-linde").PostAsJsonAsync("/api/handover/handovers", Start(bsn, receiver), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task PublishAndWaitAsync(object message, Func<HandoverDbContext, Task<bool>> arrived)
    {
        await _handover.PublishAsync(message);
        await Eventually.TrueAsync(() => _handover.InDbAsync(arrived), $"the effect of {message.GetType().Name} in Handover's database", ct: Ct);
    }

    private async Task<List<string>> EventsAboutAsync(Guid id)
    {
        await using var scope = _handover.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<HandoverDbContext>().Set<OutboxMessage>().AsNoTracking().WithoutAudit().OrderBy(m => m.Sequence).ToListAsync(Ct);
        return [.. rows.Where(r => r.Body.Contains(id.ToString())).Select(r => r.MessageType.Split('.').Last())];
    }

    [Fact]
    public async Task The_warm_handover_completes_only_with_the_meeting_held_and_every_care_item_confirmed()
    {
        var bsn = NewBsn();
        var placement = new PlacementConfirmed(Guid.NewGuid(), Guid.NewGuid(), ReferenceOf(bsn), Guid.NewGuid(), "collective", Today.AddDays(-100), DateTimeOffset.UtcNow);
        await PublishAndWaitAsync(placement, db => db.Arrangements.AnyAsync(a => a.PlacementId == placement.PlacementId));
        // The child's arrangements are shown only under a consent for the handover (#25).
        var consent = new ConsentGranted(Guid.NewGuid(), Guid.NewGuid(), ReferenceOf(bsn), ["school-bs-de-linde", "school-vo-college-parkstad"],
            "Handover to secondary", ["parents"], null, DateTimeOffset.UtcNow, ["handover"]);
        await PublishAndWaitAsync(consent, db => db.Set<ConsentCopy>().AnyAsync(c => c.ConsentId == consent.ConsentId));

        var started = await StartAsync(bsn);
        var id = started.GetProperty("id").GetGuid();
        var care = started.GetProperty("care").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(2, care.Count); // the collective arrangement from Funding and the youth care the school named

        var receiver = As("school-vo-college-parkstad");
        Assert.Equal(HttpStatusCode.OK, (await receiver.PostAsync($"/api/handover/handovers/{id}/acceptance", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await receiver.PostAsync($"/api/handover/handovers/{id}/completion", null, Ct)).StatusCode);

        var meeting = await receiver.PostAsJsonAsync($"/api/handover/handovers/{id}/meeting", new
        {
            heldOn = Today.ToString("yyyy-MM-dd"), participants = new[] { "school-bs-de-linde", "school-vo-college-parkstad", "jeugdhulp-horizon" }, parentsPresent = true, youthCarePresent = true,
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, meeting.StatusCode);

        await receiver.PostAsJsonAsync($"/api/handover/handovers/{id}/care/{care[0]}/confirmation", new { continues = true }, Ct);
        // One item still open: completion refused.
        Assert.Equal(HttpStatusCode.Conflict, (await receiver.PostAsync($"/api/handover/handovers/{id}/completion", null, Ct)).StatusCode);
        var noSuccessor = await receiver.PostAsJsonAsync($"/api/handover/handovers/{id}/care/{care[1]}/confirmation", new { continues = false }, Ct);
        Assert.Equal((HttpStatusCode)422, noSuccessor.StatusCode);
        await receiver.PostAsJsonAsync($"/api/handover/handovers/{id}/care/{care[1]}/confirmation",
            new { continues = false, successor = "School's own counsellor, weekly" }, Ct);

        var completed = await receiver.PostAsync($"/api/handover/handovers/{id}/completion", null, Ct);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(["HandoverStarted", "HandoverAccepted", "WarmHandoverHeld", "CareContinuityConfirmed", "CareContinuityConfirmed", "HandoverCompleted"],
            await EventsAboutAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, (await As("school-other").GetAsync($"/api/handover/handovers/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_senders_answer_for_a_child_with_arrangements_equals_its_answer_for_an_unknown_child_without_consent()
    {
        // #25 point 3, no oracle (RULES.md §6): without a handover consent naming sender and receiver, the answer for a child
        // with arrangements, a case and consents for others is the one for a child nobody knows.
        var known = NewBsn();
        var placement = new PlacementConfirmed(Guid.NewGuid(), Guid.NewGuid(), ReferenceOf(known), Guid.NewGuid(), "individual", Today.AddDays(-100), DateTimeOffset.UtcNow);
        await PublishAndWaitAsync(placement, db => db.Arrangements.AnyAsync(a => a.PlacementId == placement.PlacementId));
        await ConsentAsync(known, ["school-bs-het-palet", "school-vo-college-parkstad"]); // a handover consent for another sender
        await ConsentAsync(known, ["school-bs-de-linde", "school-vo-college-parkstad"], "support"); // the right schools, another purpose

        async Task<(HttpResponseMessage Response, JsonElement Body)> StartByAsync(string bsn)
        {
            var response = await As("school-bs-de-linde").PostAsJsonAsync("/api/handover/handovers", Start(bsn), Ct);
            return (response, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement);
        }
        var forKnown = await StartByAsync(known);
        var forUnknown = await StartByAsync(NewBsn());

        Assert.Equal((HttpStatusCode)422, forKnown.Response.StatusCode);
        Assert.Equal(forUnknown.Response.StatusCode, forKnown.Response.StatusCode);
        Assert.Equal(HeaderNames(forUnknown.Response), HeaderNames(forKnown.Response));
        Assert.Equal(Comparable(forUnknown.Body), Comparable(forKnown.Body));
        Assert.Equal("https://platform.example/problems/handover-consent-required", forKnown.Body.GetProperty("type").GetString());
        Assert.Contains("RULES.md §6", forKnown.Body.GetProperty("detail").GetString());
        Assert.True(forKnown.Body.GetProperty("errors").TryGetProperty("child", out _));
        // Nothing was written: neither side has a handover of this child.
        Assert.False(await _handover.InDbAsync(db => db.Handovers.AnyAsync(h => h.ChildReference == ReferenceOf(known), Ct)));

        // Under a consent for the handover naming both, the sender sees the child's arrangement (continuity of care).
        await ConsentAsync(known, ["school-bs-de-linde", "school-vo-college-parkstad"]);
        var covered = await StartByAsync(known);
        Assert.Equal(HttpStatusCode.Created, covered.Response.StatusCode);
        Assert.Contains(covered.Body.GetProperty("care").EnumerateArray(), c => c.GetProperty("source").GetString() == "funding");

        static string HeaderNames(HttpResponseMessage r) => string.Join(",", r.Headers.Concat(r.Content.Headers).Select(h => h.Key).Where(k => k != "Date").Order());
        static string Comparable(JsonElement body)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(body.GetRawText())!.AsObject();
            node.Remove("traceId");
            return node.ToJsonString();
        }
    }

    [Fact]
    public async Task Every_move_answers_403_or_404_before_the_body_to_an_organisation_whose_move_it_is_not()
    {
        const string receiverSwv = "swv-vo-parkstad";
        var id = (await StartAsync(NewBsn())).GetProperty("id").GetGuid();
        var receiverClient = _handover.CreateClient();
        receiverClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            _tokens.For("school-vo-college-parkstad", "handover-api", "school", swv: receiverSwv));
        Assert.Equal(HttpStatusCode.OK, (await receiverClient.PostAsync($"/api/handover/handovers/{id}/acceptance", null, Ct)).StatusCode);
        var care = (await As("school-bs-de-linde").GetFromJsonAsync<JsonElement>($"/api/handover/handovers/{id}", Ct)).GetProperty("care")[0].GetProperty("id").GetGuid();

        var sender = ("school-bs-de-linde", "school");
        var receiver = ("school-vo-college-parkstad", "school");
        var swv = (receiverSwv, "swv");
        var strangers = new[] { ("school-other", "school"), ("kinderopvang-de-kleine-wereld", "childcare"), ("gemeente-maastricht", "municipality"),
            ("swv-po-maastricht-heuvelland", "swv"), ("jgz-zuid-limburg", "jgz"), ("jeugdhulp-horizon", "youth-care-provider") };
        // Each move with who may see the handover but may not make it (403); strangers get 404.
        var moves = new (string Path, (string, string)[] Forbidden)[]
        {
            ($"/api/handover/handovers/{id}/acceptance", [sender, swv]),
            ($"/api/handover/handovers/{id}/decline", [sender, swv]),
            ($"/api/handover/handovers/{id}/send-to", [receiver, swv]),
            ($"/api/handover/handovers/{id}/meeting", [swv]),
            ($"/api/handover/handovers/{id}/care/{care}/confirmation", [sender, swv]),
            ($"/api/handover/handovers/{id}/completion", [swv]),
        };
        var wrong = new List<string>();
        foreach (var (path, forbidden) in moves)
        foreach (var (organisation, type, expected) in forbidden.Select(f => (f.Item1, f.Item2, HttpStatusCode.Forbidden))
                     .Concat(strangers.Select(s => (s.Item1, s.Item2, HttpStatusCode.NotFound))))
        foreach (var body in new[] { "{", "{}", """{"reason":42,"participants":"x","continues":"maybe"}""" })
        {
            var client = _handover.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.For(organisation, "handover-api", type));
            var response = await client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
            if (response.StatusCode != expected || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                wrong.Add($"{organisation} {path} {body}: {(int)response.StatusCode}, expected {(int)expected}");
        }
        Assert.Empty(wrong);
        // Nothing moved, and the side whose move it is still gets its 400 for the bad body.
        Assert.Equal("accepted", (await As("school-bs-de-linde").GetFromJsonAsync<JsonElement>($"/api/handover/handovers/{id}", Ct)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await As("school-bs-de-linde").PostAsync($"/api/handover/handovers/{id}/meeting",
            new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), Ct)).StatusCode);
    }

    [Fact]
    public async Task A_declined_handover_goes_to_another_receiver_and_the_first_no_longer_sees_it()
    {
        var bsn = NewBsn();
        var id = (await StartAsync(bsn, receiver: "school-vso-de-berg")).GetProperty("id").GetGuid();
        var declined = await As("school-vso-de-berg").PostAsJsonAsync($"/api/handover/handovers/{id}/decline", new { reason = "No place in year 1" }, Ct);
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);

        Assert.Equal((HttpStatusCode)422, (await As("school-bs-de-linde").PostAsJsonAsync($"/api/handover/handovers/{id}/send-to", new { receivingOrganisationId = "school-vso-de-berg" }, Ct)).StatusCode);
        // #25 point 3: the next receiver too must be named with the sender in a handover consent in force.
        var unconsented = await As("school-bs-de-linde").PostAsJsonAsync($"/api/handover/handovers/{id}/send-to", new { receivingOrganisationId = "school-vo-college-parkstad" }, Ct);
        Assert.Equal((HttpStatusCode)422, unconsented.StatusCode);
        Assert.True((await unconsented.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("receivingOrganisationId", out _));
        Assert.Equal("declined", (await As("school-bs-de-linde").GetFromJsonAsync<JsonElement>($"/api/handover/handovers/{id}", Ct)).GetProperty("status").GetString());
        await ConsentAsync(bsn, ["school-bs-de-linde", "school-vo-college-parkstad"]);
        Assert.Equal(HttpStatusCode.OK, (await As("school-bs-de-linde").PostAsJsonAsync($"/api/handover/handovers/{id}/send-to", new { receivingOrganisationId = "school-vo-college-parkstad" }, Ct)).StatusCode);
        // Sent on: it is with a receiver again, so a second send-to is not a legal move.
        Assert.Equal(HttpStatusCode.Conflict, (await As("school-bs-de-linde").PostAsJsonAsync($"/api/handover/handovers/{id}/send-to", new { receivingOrganisationId = "school-sbo-het-kompas" }, Ct)).StatusCode);

        var seen = await As("school-vo-college-parkstad").GetFromJsonAsync<JsonElement>($"/api/handover/handovers/{id}", Ct);
        Assert.Equal("started", seen.GetProperty("status").GetString());
        Assert.Equal("No place in year 1", seen.GetProperty("declines")[0].GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await As("school-vso-de-berg").GetAsync($"/api/handover/handovers/{id}", Ct)).StatusCode);
        Assert.Equal(["HandoverStarted", "HandoverDeclined", "HandoverStarted"], await EventsAboutAsync(id));
    }

    [Fact]
    public async Task An_overdue_handover_raises_its_event_once()
    {
        var id = (await StartAsync(NewBsn())).GetProperty("id").GetGuid();
        var watcher = ActivatorUtilities.CreateInstance<HandoverOverdueWatcher>(_handover.Services);

        _clock.Advance(TimeSpan.FromDays(30));
        await watcher.RunOnceAsync(Ct);
        Assert.DoesNotContain("HandoverOverdue", await EventsAboutAsync(id));

        _clock.Advance(TimeSpan.FromDays(1));
        await Task.WhenAll(watcher.RunOnceAsync(Ct), ActivatorUtilities.CreateInstance<HandoverOverdueWatcher>(_handover.Services).RunOnceAsync(Ct));
        await watcher.RunOnceAsync(Ct);
        Assert.Single(await EventsAboutAsync(id), e => e == "HandoverOverdue");
    }

    [Fact]
    public async Task Bad_input_gets_problem_responses()
    {
        var sender = As("school-bs-de-linde");
        async Task<string> ConsentedAsync(string receiver = "school-vo-college-parkstad")
        {
            var bsn = NewBsn();
            await ConsentAsync(bsn, ["school-bs-de-linde", receiver]);
            return bsn;
        }
        var unknown = await sender.PostAsJsonAsync("/api/handover/handovers", Start(NewBsn(), switchMoment: "primary-to-university"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("switchMoment", out _));

        var past = await sender.PostAsJsonAsync("/api/handover/handovers", Start(await ConsentedAsync(), dueInDays: -1), Ct);
        Assert.Equal((HttpStatusCode)422, past.StatusCode);
        Assert.True((await past.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("dueOn", out _));

        var self = await sender.PostAsJsonAsync("/api/handover/handovers", Start(await ConsentedAsync("school-bs-de-linde"), receiver: "school-bs-de-linde"), Ct);
        Assert.Equal((HttpStatusCode)422, self.StatusCode);
        Assert.True((await self.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("receivingOrganisationId", out _));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_protocol()
    {
        var document = await _handover.CreateClient().GetStringAsync("/api/handover/openapi/v1.json", Ct);
        foreach (var path in new[] { "/api/handover/handovers", "/api/handover/handovers/{id}/acceptance", "/api/handover/handovers/{id}/care/{careItemId}/confirmation", "/api/handover/handovers/{id}/completion" })
            Assert.Contains($"\"{path}", document);
    }

    [Fact]
    public async Task A_completed_or_abandoned_declined_handover_goes_2_years_later_and_a_running_one_stays()
    {
        var receiver = As("school-vo-college-parkstad");
        var completed = (await StartAsync(NewBsn())).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await receiver.PostAsync($"/api/handover/handovers/{completed}/acceptance", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await receiver.PostAsJsonAsync($"/api/handover/handovers/{completed}/meeting", new
        {
            heldOn = Today.ToString("yyyy-MM-dd"), participants = new[] { "school-bs-de-linde", "school-vo-college-parkstad" }, parentsPresent = true, youthCarePresent = false,
        }, Ct)).StatusCode);
        var item = (await receiver.GetFromJsonAsync<JsonElement>($"/api/handover/handovers/{completed}", Ct)).GetProperty("care").EnumerateArray().Single().GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await receiver.PostAsJsonAsync($"/api/handover/handovers/{completed}/care/{item}/confirmation", new { continues = true }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await receiver.PostAsync($"/api/handover/handovers/{completed}/completion", null, Ct)).StatusCode);
        var declined = (await StartAsync(NewBsn())).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await receiver.PostAsJsonAsync($"/api/handover/handovers/{declined}/decline", new { reason = "No place" }, Ct)).StatusCode);
        var running = (await StartAsync(NewBsn())).GetProperty("id").GetGuid();
        await using (var scope = _handover.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HandoverDbContext>();
            db.Tlvs.Add(new Platform.Handover.Domain.KnownTlv { TlvId = Guid.NewGuid(), ChildReference = "cr1-tlv", Kind = "sbo", ValidUntil = Today.AddDays(100) });
            await db.SaveChangesAsync(Ct);
        }
        var retention = _handover.Services.GetRequiredService<HandoverRetention>();

        _clock.Advance(TimeSpan.FromDays(2 * 365 - 2));
        Assert.Equal(0, await retention.RunOnceAsync(Ct));
        _clock.Advance(TimeSpan.FromDays(4));
        Assert.Equal(2, await retention.RunOnceAsync(Ct));
        _clock.Advance(TimeSpan.FromDays(365 + 100));
        Assert.Equal(1, await retention.RunOnceAsync(Ct)); // the TLV copy: 3 years after its last valid day

        await using var check = _handover.Services.CreateAsyncScope();
        var handovers = check.ServiceProvider.GetRequiredService<HandoverDbContext>();
        Assert.Equal([running], await handovers.Handovers.Select(h => h.Id).ToListAsync(Ct));
        Assert.Empty(await handovers.Tlvs.ToListAsync(Ct));
        var erased = (await AuditLines.InOutboxAsync(handovers, Ct)).Where(l => l is { Action: "erase", RecordType: "handover" }).Select(l => l.RecordId).Order();
        Assert.Equal(new[] { completed.ToString(), declined.ToString() }.Order(), erased);
    }
}
