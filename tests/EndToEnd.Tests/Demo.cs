using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Platform.EndToEnd.Tests;

/// <summary>Demo region clients, with the development secrets listed in the README.</summary>
internal static class Demo
{
    public const string School = "school-bs-de-linde";
    public const string Municipality = "gemeente-maastricht";

    public static async Task<string?> TokenAsync(HttpClient gateway, string clientId, string? scope = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = $"{clientId}-dev-secret",
        };
        if (scope is not null) form["scope"] = scope;
        // The gateway allows 60 token requests a minute per address (against secret guessing), and the
        // suite's classes run at once from one address: wait as Retry-After says, as a client should.
        for (var attempt = 1; ; attempt++)
        {
            var response = await gateway.PostAsync("/connect/token", new FormUrlEncodedContent(form));
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 30)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(2));
                continue;
            }
            if (!response.IsSuccessStatusCode) return null;
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        }
    }

    /// <summary>Tokens already given, per client: a token lasts longer than the suite runs.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<string?>> Tokens = new();

    /// <summary>A client for the gateway carrying a demo organisation's token (one per organisation for the whole suite).</summary>
    public static async Task<HttpClient> ClientAsync(HttpClient gateway, string clientId)
    {
        var token = await Tokens.GetOrAdd(clientId, id => TokenAsync(gateway, id));
        if (token is null) Tokens.TryRemove(clientId, out _);
        Assert.NotNull(token);
        var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The body as JSON, after checking the status (the body is in the failure message).</summary>
    /// <summary>
    /// The case a referral started or joined, read back by its referrer: the POST's answer does not tell
    /// whether the child is known (#25), reading the referral back shows the case to a referrer that may open it.
    /// </summary>
    public static async Task<Guid> CaseOfReferralAsync(HttpClient referrer, JsonElement referral) =>
        (await ReadAsync(await referrer.GetAsync($"/api/intake/referrals/{referral.GetProperty("id").GetGuid()}", TestContext.Current.CancellationToken), HttpStatusCode.OK))
            .GetProperty("caseId").GetGuid();

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Every item of a paged list (<c>{ items, next }</c>), following <c>next</c> until it is null.</summary>
    public static async Task<List<JsonElement>> AllItemsAsync(HttpClient client, string path)
    {
        var items = new List<JsonElement>();
        for (var next = path; next is not null;)
        {
            var page = await ReadAsync(await client.GetAsync(next, TestContext.Current.CancellationToken), HttpStatusCode.OK);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.GetProperty("next").GetString();
        }
        return items;
    }

    /// <summary>
    /// The child reference the services compute for <paramref name="bsn"/>: the keyed hash under the
    /// development key the AppHost hands them (its `child-reference-key` parameter).
    /// </summary>
    public static string ChildReference(string bsn) =>
        "cr1-" + Convert.ToHexStringLower(HMACSHA256.HashData(
            Convert.FromBase64String("ZGV2ZWxvcG1lbnQtb25seS1jaGlsZC1yZWZlcmVuY2Uta2V5LW5vdC1mb3ItcHJvZHVjdGlvbg=="),
            Encoding.ASCII.GetBytes(bsn)));

    /// <summary>
    /// A random 9-digit number that passes the 11-proof, never one handed out before in this run, so journeys never share
    /// a child by accident. Random alone is not enough: of the ~82 million such numbers, the soak's 14,400 journeys an
    /// hour draw one twice about once an hour, and two journeys for one child are one case with two referrals and two
    /// consents, which the reconciliation rightly counts as doubled effects (the soak of 2026-12-07 met exactly that).
    /// </summary>
    public static string NewBsn()
    {
        while (true)
        {
            var digits = Random.Shared.Next(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var sum = 0;
            for (var i = 0; i < 8; i++) sum += (9 - i) * (digits[i] - '0');
            sum -= digits[8] - '0';
            if (sum != 0 && sum % 11 == 0 && IssuedBsns.TryAdd(digits, 0)) return digits;
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> IssuedBsns = new();

    /// <summary>The monitor's indicators for a period (default: this month), by id.</summary>
    public static async Task<Dictionary<string, JsonElement>> IndicatorsAsync(HttpClient client, string? period = null)
    {
        var body = await ReadAsync(await client.GetAsync("/api/monitoring/indicators" + (period is null ? "" : $"?period={period}"), TestContext.Current.CancellationToken), HttpStatusCode.OK);
        return body.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("indicator").GetString()!, i => i);
    }

    public const string Swv = "swv-po-maastricht-heuvelland";
    public const string Table = "escalatietafel-zuid-limburg";

    /// <summary>
    /// A first absent day that makes ongoing absence long-term relative whatever today is: Attendance counts school weeks (holiday
    /// weeks do not count, RULES.md §1-2), and 12 weeks back hold at most the 6-week summer holiday, so more than 4 school weeks remain.
    /// </summary>
    public static string LongTermAbsentSince => Today.AddDays(-84).ToString("yyyy-MM-dd");

    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")).DateTime);

    /// <summary>
    /// The SWV and Maastricht hold ample budgets for this year. Setting the same amount again is
    /// harmless, so every journey can call it.
    /// </summary>
    public static async Task FundersHoldBudgetsAsync(HttpClient swv, HttpClient municipality)
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var (client, line) in new[] { (swv, "education-support"), (swv, "basic-support"), (municipality, "youth-care"), (municipality, "basic-support") })
            Assert.True((await client.PutAsJsonAsync($"/api/funding/budgets/{Today.Year}/{line}", new { amountCents = 50_000_000_000L }, ct)).IsSuccessStatusCode);
    }

    /// <summary>A doelgroeparrangement at De Linde for Maastricht's children, co-funded by the SWV and the municipality.</summary>
    public static object CollectiveAtDeLinde(int places = 8) => new
    {
        kind = "collective",
        title = "Groep Anders Leren De Linde",
        locationId = "27DL00",
        targetGroup = "Children with intensive social-emotional support needs, groups 5-8",
        supportDomains = new[] { "social-emotional", "attendance", "learning" },
        servesMunicipalities = new[] { "GM0935" },
        places,
        startsOn = Today.ToString("yyyy-MM-dd"),
        endsOn = Today.AddMonths(8).ToString("yyyy-MM-dd"),
        costs = new { educationCents = 6_000_000L, careCents = 3_000_000L, jointCents = 1_000_000L },
        shares = new object[]
        {
            new { part = "education", funderId = Swv, amountCents = 6_000_000L },
            new { part = "care", funderId = Municipality, amountCents = 3_000_000L },
            new { part = "joint", funderId = Swv, amountCents = 500_000L },
            new { part = "joint", funderId = Municipality, amountCents = 500_000L },
        },
    };

    /// <summary>The SWV proposes a collective arrangement at De Linde and both funders approve it.</summary>
    public static async Task<Guid> ActiveArrangementAsync(HttpClient gateway)
    {
        var ct = TestContext.Current.CancellationToken;
        var swv = await ClientAsync(gateway, Swv);
        var maastricht = await ClientAsync(gateway, Municipality);
        await FundersHoldBudgetsAsync(swv, maastricht);
        var id = (await ReadAsync(await swv.PostAsJsonAsync("/api/funding/arrangements", CollectiveAtDeLinde(), ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await ReadAsync(await swv.PostAsync($"/api/funding/arrangements/{id}/proposal", null, ct), HttpStatusCode.OK);
        await ReadAsync(await swv.PostAsync($"/api/funding/arrangements/{id}/approval", null, ct), HttpStatusCode.OK);
        var active = await ReadAsync(await maastricht.PostAsync($"/api/funding/arrangements/{id}/approval", null, ct), HttpStatusCode.OK);
        Assert.Equal("active", active.GetProperty("status").GetString());
        return id;
    }

    /// <summary>The arrangement (of those the funder sees) in which the case's child was placed, and the placement.</summary>
    public static async Task<(Guid Arrangement, JsonElement Placement)> PlacementOfCaseAsync(HttpClient funder, Guid caseId)
    {
        foreach (var arrangement in await AllItemsAsync(funder, "/api/funding/arrangements?status=active"))
        {
            var id = arrangement.GetProperty("id").GetGuid();
            foreach (var placement in await AllItemsAsync(funder, $"/api/funding/arrangements/{id}/placements"))
                // Placements of other journeys' children show no case where this funder has no consent for it.
                if (placement.GetProperty("caseId") is { ValueKind: JsonValueKind.String } placed && placed.GetGuid() == caseId) return (id, placement);
        }
        Assert.Fail($"No placement for case {caseId}.");
        return default;
    }

    /// <summary>
    /// The real chain: De Linde refers the child, the parents consent, the knooppunt is held, the
    /// plan asks for a collective place; Funding places the child and Intake shows the placement.
    /// Returns the case.
    /// </summary>
    public static async Task<Guid> PlaceThroughIntakeAsync(HttpClient gateway, string bsn, string givenName, string familyName, string dateOfBirth)
    {
        var ct = TestContext.Current.CancellationToken;
        var today = Today.ToString("yyyy-MM-dd");
        var school = await ClientAsync(gateway, School);
        var maastricht = await ClientAsync(gateway, Municipality);
        var referral = await ReadAsync(await school.PostAsJsonAsync("/api/intake/referrals", new
        {
            child = new { bsn, givenName, familyName, dateOfBirth, homeMunicipality = "GM0935" },
            supportNeeds = new[] { new { domain = "social-emotional", description = "Anxious, stays home more and more." } },
            triedSoFar = "Mentor talks; a quiet corner.",
            urgency = "soon",
        }, ct), HttpStatusCode.Created);
        var caseId = await CaseOfReferralAsync(school, referral);
        await ReadAsync(await school.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents", new
        {
            // From 12 the child consents too (RULES.md §6).
            givenBy = Today.AddYears(-12) >= DateOnly.Parse(dateOfBirth) ? new[] { "parents", "child" } : new[] { "parents" },
            parentalAuthorityCheckedIn = "gezagsregister",
            organisations = new[] { School, Municipality, Swv },
            purpose = "A place in a group that fits",
            purposes = new[] { "support", "arrangement" },
            givenOn = today,
            coordinator = new { organisationId = Municipality, name = "M. Janssen (wijkteam)" },
        }, ct), HttpStatusCode.Created);
        var knooppunt = await ReadAsync(await maastricht.PostAsJsonAsync($"/api/intake/cases/{caseId}/knooppunten", new
        {
            scheduledOn = today, participants = new[] { School, Municipality, Swv }, parentsInvited = true,
        }, ct), HttpStatusCode.Created);
        await ReadAsync(await maastricht.PostAsJsonAsync($"/api/intake/cases/{caseId}/knooppunten/{knooppunt.GetProperty("id").GetGuid()}/outcome", new
        {
            heldOn = today, summary = "A place in the Anders Leren group.",
            nextStep = new { description = "Visit the group with the parents", ownerOrganisationId = School, startsOn = today },
        }, ct), HttpStatusCode.OK);
        await ReadAsync(await maastricht.PostAsJsonAsync($"/api/intake/cases/{caseId}/plans", new
        {
            goals = new[] { "Attends the group four days a week" },
            actions = new[] { new { partnerOrganisationId = School, description = "Intake in the group", owner = "Intern begeleider", dueOn = Today.AddDays(14).ToString("yyyy-MM-dd") } },
            reviewOn = Today.AddMonths(3).ToString("yyyy-MM-dd"),
            arrangement = new { kind = "collective", supportDomains = new[] { "social-emotional" }, urgent = false, schoolOrganisationId = School },
        }, ct), HttpStatusCode.Created);

        await Platform.TestInfrastructure.Eventually.TrueAsync(async () =>
            (await ReadAsync(await maastricht.GetAsync($"/api/intake/cases/{caseId}", ct), HttpStatusCode.OK))
                .GetProperty("notes").EnumerateArray().Any(n => n.GetProperty("kind").GetString() == "placement"),
            "Funding's placement to reach the case", TimeSpan.FromSeconds(30), ct);
        return caseId;
    }

    /// <summary>
    /// #25 point 3: a handover starts only under a consent for the purpose <c>handover</c> naming the sender and the
    /// receiver. De Linde refers the child and the parents give that consent in Intake; returns the case.
    /// </summary>
    public static async Task<Guid> HandoverConsentAsync(HttpClient gateway, string bsn, string givenName, string familyName, string dateOfBirth, string receiver)
    {
        var ct = TestContext.Current.CancellationToken;
        var school = await ClientAsync(gateway, School);
        var referral = await ReadAsync(await school.PostAsJsonAsync("/api/intake/referrals", new
        {
            child = new { bsn, givenName, familyName, dateOfBirth, homeMunicipality = "GM0935" },
            supportNeeds = new[] { new { domain = "learning", description = "Needs instructions in small steps." } },
            triedSoFar = "Extra support in class.", urgency = "regular",
        }, ct), HttpStatusCode.Created);
        var caseId = await CaseOfReferralAsync(school, referral);
        await ReadAsync(await school.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents", new
        {
            givenBy = Today.AddYears(-12) >= DateOnly.Parse(dateOfBirth) ? new[] { "parents", "child" } : new[] { "parents" },
            parentalAuthorityCheckedIn = "gezagsregister",
            organisations = new[] { School, receiver, Municipality }, purpose = "Support and the warm handover to the next school",
            purposes = new[] { "support", "handover" }, givenOn = Today.ToString("yyyy-MM-dd"),
            coordinator = new { organisationId = Municipality, name = "M. Janssen (wijkteam)" },
        }, ct), HttpStatusCode.Created);
        return caseId;
    }

    /// <summary>
    /// Starts a handover. Handover learns of Intake's consent from its events, so while the answer is the
    /// 422 for a missing handover consent (#25 point 3) the request is repeated (at most 15 s).
    /// </summary>
    public static async Task<JsonElement> StartHandoverAsync(HttpClient sender, object body)
    {
        var ct = TestContext.Current.CancellationToken;
        var sent = await Platform.TestInfrastructure.Eventually.ValueAsync(
            () => UntilHandoverKnowsConsentAsync(() => sender.PostAsJsonAsync("/api/handover/handovers", body, ct)), r => !r.AwaitsConsent,
            "Handover to learn of the handover consent", TimeSpan.FromSeconds(15), ct);
        return await ReadAsync(sent.Response, HttpStatusCode.Created);
    }

    /// <summary>
    /// Sends, and says whether the answer is Handover's 422 for a handover consent it has not heard of from Intake yet
    /// (#25 point 3): a request to repeat, as its events arrive.
    /// </summary>
    public static async Task<(HttpResponseMessage Response, bool AwaitsConsent)> UntilHandoverKnowsConsentAsync(Func<Task<HttpResponseMessage>> send)
    {
        var response = await send();
        return (response, response.StatusCode == HttpStatusCode.UnprocessableEntity
                          && (await response.Content.ReadAsStringAsync()).Contains("handover-consent-required", StringComparison.Ordinal));
    }

    /// <summary>
    /// The SWV asks Jeugdhulp Horizon's orthopedagoog and JGZ's doctor, and each gives a separate favourable advice,
    /// named by the person registered in the Directory (RULES.md §4: two independent persons, the first not of the
    /// requesting school's board; the demo region's B. Peters and E. Maas).
    /// </summary>
    public static async Task AdvisedByTwoExpertsAsync(HttpClient gateway, HttpClient swv, Guid tlvId)
    {
        var ct = TestContext.Current.CancellationToken;
        var horizon = await ClientAsync(gateway, "jeugdhulp-horizon");
        var jgz = await ClientAsync(gateway, "jgz-zuid-limburg");
        var today = Today.ToString("yyyy-MM-dd");
        await ReadAsync(await swv.PostAsJsonAsync($"/api/funding/tlvs/{tlvId}/experts", new { organisationId = "jeugdhulp-horizon", profession = "orthopedagoog" }, ct), HttpStatusCode.OK);
        await ReadAsync(await swv.PostAsJsonAsync($"/api/funding/tlvs/{tlvId}/experts", new { organisationId = "jgz-zuid-limburg", profession = "arts" }, ct), HttpStatusCode.OK);
        await ReadAsync(await horizon.PostAsJsonAsync($"/api/funding/tlvs/{tlvId}/advices", new
        {
            expertName = "Drs. B. Peters", expertPersonId = "horizon-b-peters", profession = "orthopedagoog", advice = "favourable",
            summary = "Needs a small group and a structured day.", givenOn = today,
        }, ct), HttpStatusCode.Created);
        await ReadAsync(await jgz.PostAsJsonAsync($"/api/funding/tlvs/{tlvId}/advices", new
        {
            expertName = "Dr. E. Maas", expertPersonId = "jgz-e-maas", profession = "arts", advice = "favourable",
            summary = "No medical reason against.", givenOn = today,
        }, ct), HttpStatusCode.Created);
    }

    /// <summary>
    /// De Linde requests an SBO TLV for the case's child. Funding learns of the case and its consent
    /// from Intake's events, so the request is repeated until it is accepted (at most 20 s).
    /// </summary>
    public static async Task<Guid> RequestTlvAsync(HttpClient school, Guid caseId, string substantiation)
    {
        var ct = TestContext.Current.CancellationToken;
        using var response = await Platform.TestInfrastructure.Eventually.ValueAsync(
            () => school.PostAsJsonAsync("/api/funding/tlvs", new
            {
                caseId, schoolLocationId = "27DL00", kind = "sbo", receivingLocationId = "27HK00", substantiation, parentsView = "Agree.",
            }, ct),
            r => r.StatusCode == HttpStatusCode.Created, $"Funding to accept a TLV for case {caseId}", TimeSpan.FromSeconds(20), ct);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
    }
}
