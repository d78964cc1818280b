using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.EndToEnd.Tests.Security;

/// <summary>
/// Hostile input: every POST and PUT of every service, driven through the gateway by an organisation
/// allowed to use it, with malformed JSON and with valid bodies spoiled one value at a time. Every
/// answer is a 4xx problem (never a 5xx, never a success), and no service database changes.
/// </summary>
[Collection(nameof(Quiet))]
public sealed class HostileInputTests(PlatformFixture platform, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Organisations owning the <see cref="SecurityRecords"/>: the first that gets past tenancy calls an operation.</summary>
    private static readonly string[] Owners = [Demo.School, Demo.Municipality, Demo.Swv, "regio-zuid-limburg", "fg-zuid-limburg", "school-vso-de-berg", "jgz-zuid-limburg"];

    [Fact]
    public async Task Every_body_taking_endpoint_refuses_hostile_bodies_with_a_problem_and_changes_nothing()
    {
        var records = await SecurityRecords.OfAsync(platform, Ct);
        var operations = (await ApiSurface.ReadAsync(platform.Gateway, Ct)).Where(o => o.HasBody).ToList();
        var tokens = new Dictionary<string, string>();
        foreach (var owner in Owners) tokens[owner] = (await Demo.TokenAsync(platform.Gateway, owner))!;
        var samples = Samples(records);
        Assert.All(samples.Keys, key => Assert.Contains(operations, o => o.Key == key));

        var before = await DatabaseState.SettledAsync(platform, Ct);
        var failures = new List<string>();
        var sent = 0;
        foreach (var operation in operations)
        {
            var path = records.Fill(operation.Path);
            if (operation.ContentType != "application/json")
            {
                foreach (var csv in CsvBodies)
                {
                    sent++;
                    await ExpectProblemAsync(operation, path, tokens["regio-zuid-limburg"], csv.What, csv.Text, operation.ContentType!, failures);
                }
                continue;
            }
            var caller = samples.TryGetValue(operation.Key, out var sample) ? sample.Caller : await CallerAsync(operation, path, tokens);
            if (caller is null) { failures.Add($"{operation.Key}: no organisation gets past its authorisation with a bad body"); continue; }
            var bodies = HostileBodies.Malformed.Concat(sample is null
                ? HostileBodies.FromSchema(operation.Document, operation.BodySchema ?? default)
                : HostileBodies.Mutations(JsonSerializer.SerializeToNode(sample.Body)!.AsObject()));
            foreach (var body in bodies)
            {
                sent++;
                await ExpectProblemAsync(operation, path, tokens[caller], body.What, body.Text, "application/json", failures);
            }
        }
        var after = await DatabaseState.SettledAsync(platform, Ct);
        var changed = DatabaseState.Differences(before, after).ToList();
        // Only now, the unspoiled samples: each must pass validation, or its mutations proved nothing.
        var invalidSamples = new List<string>();
        foreach (var (key, sample) in samples)
        {
            var operation = operations.Single(o => o.Key == key);
            using var response = await Gateway.SendAsync(platform.Gateway, () => Json(operation.Method, records.Fill(operation.Path), tokens[sample.Caller],
                JsonSerializer.Serialize(sample.Body)), Ct);
            // 409: valid, but a record like it exists already (a second TLV for the case, the same baseline name).
            if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.Conflict)
                invalidSamples.Add($"{key}: {(int)response.StatusCode} {Shorten(await response.Content.ReadAsStringAsync(Ct))}");
        }

        // And the state reader sees what the valid samples wrote: an unchanged state above means something.
        Assert.NotEmpty(DatabaseState.Differences(after, await DatabaseState.SettledAsync(platform, Ct)));

        output.WriteLine($"{sent} hostile requests to {operations.Count} operations; {failures.Count} not refused properly.");
        Assert.True(sent > 1000, $"Only {sent} requests sent.");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(80)));
        Assert.Empty(changed);
        Assert.Empty(invalidSamples);
    }

    private static HttpRequestMessage Json(string method, string path, string token, string body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private async Task ExpectProblemAsync(Operation operation, string path, string token, string what, string body, string contentType, List<string> failures)
    {
        using var response = await Gateway.SendAsync(platform.Gateway, () =>
        {
            var request = new HttpRequestMessage(new HttpMethod(operation.Method), path) { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return request;
        }, Ct);
        var status = (int)response.StatusCode;
        var type = response.Content.Headers.ContentType?.MediaType;
        if (status is < 400 or >= 500 || type != "application/problem+json")
            failures.Add($"{operation.Key} with {what}: {status} {type} {Shorten(await response.Content.ReadAsStringAsync(Ct))}");
    }

    /// <summary>The first owner whose request with a body that can never be valid gets a 400 or 422: it passed authorisation and tenancy.</summary>
    private async Task<string?> CallerAsync(Operation operation, string path, Dictionary<string, string> tokens)
    {
        foreach (var (owner, token) in tokens)
        {
            using var response = await Gateway.SendAsync(platform.Gateway, () => Json(operation.Method, path, token, "[]"), Ct);
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity) return owner;
        }
        return null;
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private static readonly IReadOnlyList<HostileBody> CsvBodies =
    [
        new("an empty file", ""),
        new("no header", "27DL00,412\n"),
        new("unknown columns", "foo;bar\n1;2\n"),
        new("a count that is not a number", "vestigingsnummer;totaal\n27DL00;many\n"),
        new("a negative count", "vestigingsnummer;totaal\n27DL00;-5\n"),
        new("a huge count", "vestigingsnummer;totaal\n27DL00;99999999999999999999\n"),
        new("an unknown location", "vestigingsnummer;totaal\nZZZZ99;10\n"),
        new("an overlong line", "vestigingsnummer;totaal\n" + new string('x', 100_000) + ";1\n"),
        new("binary", "\u0000\u0001\u0002\u0003"),
    ];

    private sealed record Sample(string Caller, object Body);

    /// <summary>A valid body per creating operation and the organisation that may send it: the base the mutations spoil.</summary>
    private static Dictionary<string, Sample> Samples(SecurityRecords records)
    {
        var today = Demo.Today;
        string Day(int days) => today.AddDays(days).ToString("yyyy-MM-dd");
        var child = new { bsn = "111222333", givenName = "Sam", familyName = "Hostile", dateOfBirth = "2015-05-05", homeMunicipality = "GM0935" };
        // A handover starts only under a consent naming De Linde and De Berg (#25 point 3): the records' child has one.
        var handoverChild = new { bsn = records.ChildBsn, child.givenName, child.familyName, child.dateOfBirth };
        return new()
        {
            ["POST /api/intake/referrals"] = new(Demo.School, new
            {
                child, supportNeeds = new[] { new { domain = "learning", description = "Reads below age level." } },
                triedSoFar = "Extra support.", urgency = "soon", parentsView = "Worried.", childsView = "Bored.",
            }),
            ["POST /api/intake/cases/{id}/consents"] = new(Demo.School, new
            {
                givenBy = new[] { "parents" }, parentalAuthorityCheckedIn = "gezagsregister", organisations = new[] { Demo.School, Demo.Municipality },
                purpose = "Support", purposes = new[] { "support" }, givenOn = Day(0), expiresOn = Day(300),
                coordinator = new { organisationId = Demo.Municipality, name = "M. Janssen" },
            }),
            ["POST /api/intake/cases/{id}/knooppunten"] = new(Demo.Municipality, new
            {
                scheduledOn = Day(5), participants = new[] { Demo.School, Demo.Municipality }, parentsInvited = true,
            }),
            ["POST /api/intake/cases/{id}/knooppunten/{knooppuntId}/outcome"] = new(Demo.Municipality, new
            {
                heldOn = Day(0), summary = "Agreed a plan.", nextStep = new { description = "Start support", ownerOrganisationId = Demo.Municipality, startsOn = Day(1) },
            }),
            ["PUT /api/funding/budgets/{year}/{line}"] = new(Demo.Swv, new { amountCents = 50_000_000_000L }),
            ["POST /api/funding/arrangements"] = new(Demo.Swv, Demo.CollectiveAtDeLinde(places: 3)),
            ["POST /api/funding/tlvs"] = new(Demo.School, new
            {
                caseId = records.Case, schoolLocationId = "27DL00", kind = "sbo", receivingLocationId = "27HK00",
                substantiation = "Far behind.", parentsView = "Agree.",
            }),
            // Luxe verzuim: valid on any day (a 16-hour report's first and last days must be school days, RULES.md §1).
            ["POST /api/attendance/absence-reports"] = new(Demo.School, new { child, kind = "luxury", firstAbsentOn = Day(-10), lastAbsentOn = Day(-2), hours = 16 }),
            ["POST /api/attendance/thuiszitters"] = new(Demo.Municipality, new { child, atHomeSince = Day(-10) }),
            ["POST /api/attendance/exemptions"] = new(Demo.Municipality, new { child, article = "5c", startsOn = Day(0), grounds = "Enrolled abroad" }),
            ["POST /api/handover/handovers"] = new(Demo.School, new
            {
                child = handoverChild, switchMoment = "primary-to-so", receivingOrganisationId = "school-vso-de-berg", dueOn = Day(20),
                dossier = new { educationalNeeds = "Small steps", supportNeeds = "A mentor", whatWorks = "A day plan" },
                youthCare = new[] { new { description = "Weekly sessions" } },
            }),
            ["POST /api/subscriptions/subscriptions"] = new(Demo.School, new
            {
                callbackUrl = "https://receiver.example.org/notifications", channels = new[] { "cases" }, eventTypes = new[] { "CaseOpened" },
            }),
            ["POST /api/monitoring/baselines"] = new("regio-zuid-limburg", new { name = "Hostile baseline", period = "2026-11" }),
            ["POST /api/audit/access-reports"] = new("fg-zuid-limburg", new { bsn = "111222333" }),
            ["PUT /api/directory/locations/{id}"] = new("regio-zuid-limburg", new
            {
                organisationId = Demo.School, name = "Basisschool De Linde", kind = "po", brin = "27DL", branchCode = "00", municipality = "GM0935",
                swv = Demo.Swv, address = new { street = "Lindenkruis 12", postalCode = "6216 AB", place = "Maastricht" }, active = true,
            }),
        };
    }
}
