using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEnd.Tests.Onboarding;
using Platform.PlatformAdmin;
using Platform.TestInfrastructure;

namespace Platform.EndToEnd.Tests.Regions;

/// <summary>
/// #26, "the region is data, not code": a second region, Zeeuws-Vlaanderen (Terneuzen, Hulst, Sluis; one SWV PO and one
/// VO), set up entirely through the Directory's and Identity's APIs on a platform started with nothing but its settings
/// (<see cref="SecondRegionPlatform"/>), and used end to end: a school refers a child and the municipality coordinates the
/// case; a child at home for months becomes a thuiszitter of the child's municipality and escalates to the region's own
/// escalation table. No line of the platform knows this region.
/// </summary>
public sealed class SecondRegionTests(SecondRegionPlatform region, ITestOutputHelper output) : IClassFixture<SecondRegionPlatform>
{
    private const string SubRegion = "zeeuws-vlaanderen";
    private const string Terneuzen = "gemeente-terneuzen";
    private const string School = "school-bs-de-schelde";
    private const string SwvPo = "swv-po-zeeuws-vlaanderen";
    private const string Table = "escalatietafel-zeeuws-vlaanderen";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private Uri Gateway => region.Gateway.BaseAddress!;

    [Fact]
    public async Task A_second_region_set_up_through_the_directory_and_identity_apis_runs_a_referral_and_a_thuiszitter_journey()
    {
        await using var officeClient = StockClient.For(Gateway, SecondRegionPlatform.Office, region.OfficeKeys);
        using var office = await officeClient.HttpClientAsync(Gateway, Ct, "directory", "identity");

        // An empty directory of this region: nothing of the demo region.
        var state = await Demo.ReadAsync(await office.GetAsync("/api/directory/region", Ct), HttpStatusCode.OK);
        Assert.Equal(SecondRegionPlatform.Region, state.GetProperty("region").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync("/api/directory/organisations/gemeente-maastricht", Ct)).StatusCode);

        // The office enters its region: the sub-region, the municipalities, the organisations, the school's location.
        await PutAsync(office, $"/api/directory/sub-regions/{SubRegion}", new { name = "Zeeuws-Vlaanderen" });
        foreach (var (code, name) in new[] { ("GM0715", "Terneuzen"), ("GM0677", "Hulst"), ("GM1714", "Sluis") })
            await PutAsync(office, $"/api/directory/municipalities/{code}", new { name, subRegion = SubRegion });
        await PutAsync(office, $"/api/directory/organisations/{SecondRegionPlatform.Office}", new { name = "Regiobureau Zeeuws-Vlaanderen", type = "region", active = true });
        foreach (var (code, name) in new[] { ("GM0715", "Terneuzen"), ("GM0677", "Hulst"), ("GM1714", "Sluis") })
            await PutAsync(office, $"/api/directory/organisations/gemeente-{name.ToLowerInvariant()}", new { name = $"Gemeente {name}", type = "municipality", municipality = code, subRegion = SubRegion, active = true });
        await PutAsync(office, $"/api/directory/organisations/{SwvPo}", new { name = "SWV PO Zeeuws-Vlaanderen", type = "swv", swv = SwvPo, subRegion = SubRegion, active = true });
        await PutAsync(office, "/api/directory/organisations/swv-vo-zeeuws-vlaanderen", new { name = "SWV VO Zeeuws-Vlaanderen", type = "swv", swv = "swv-vo-zeeuws-vlaanderen", subRegion = SubRegion, active = true });
        await PutAsync(office, $"/api/directory/organisations/{Table}", new { name = "Escalatietafel Zeeuws-Vlaanderen", type = "escalation-table", subRegion = SubRegion, active = true });
        await PutAsync(office, $"/api/directory/organisations/{School}", new { name = "Basisschool De Schelde (Terneuzen)", type = "school", municipality = "GM0715", swv = SwvPo, subRegion = SubRegion, active = true });
        await PutAsync(office, "/api/directory/locations/31SC00", new
        {
            organisationId = School, name = "Basisschool De Schelde", kind = "po", brin = "31SC", branchCode = "00", municipality = "GM0715", swv = SwvPo,
            address = new { street = "Scheldekade 1", postalCode = "4531 EA", place = "Terneuzen" }, active = true,
        });

        // Each organisation makes its own key pair; the office registers the public keys (the office's tool, as in Onboarding/).
        var keys = new Dictionary<string, KeyPairs.Written>();
        foreach (var organisation in new[] { Terneuzen, School, Table })
        {
            keys[organisation] = KeyPairs.Create(Path.Combine(Directory.CreateTempSubdirectory("second-region-").FullName, organisation));
            // Identity learns of the organisation from the Directory's next snapshot: until then, 422 on organisationId.
            await Eventually.TrueAsync(async () => await AdminAsync("clients", "add", organisation, "--jwks", keys[organisation].JwksFile) == 0,
                $"the registration of {organisation}'s client", TimeSpan.FromSeconds(90), Ct);
        }
        await using var schoolClient = StockClient.For(Gateway, School, keys[School]);
        await using var terneuzenClient = StockClient.For(Gateway, Terneuzen, keys[Terneuzen]);
        await using var tableClient = StockClient.For(Gateway, Table, keys[Table]);
        using var school = await schoolClient.HttpClientAsync(Gateway, Ct);
        using var terneuzen = await terneuzenClient.HttpClientAsync(Gateway, Ct);
        using var table = await tableClient.HttpClientAsync(Gateway, Ct);

        // A referral: the school refers a child of Terneuzen; with the parents' consent Terneuzen coordinates and holds the knooppunt.
        var referral = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/intake/referrals", new
        {
            child = new { bsn = Demo.NewBsn(), givenName = "Noor", familyName = "De Smet", dateOfBirth = "2016-05-12", homeMunicipality = "GM0715" },
            supportNeeds = new[] { new { domain = "learning", description = "Falls behind in reading since the summer." } },
            triedSoFar = "Extra reading time with the teacher.",
            urgency = "soon",
        }, Ct), HttpStatusCode.Created);
        var caseId = await Demo.CaseOfReferralAsync(school, referral);
        await Demo.ReadAsync(await school.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents", new
        {
            givenBy = new[] { "parents" },
            parentalAuthorityCheckedIn = "gezagsregister",
            organisations = new[] { School, Terneuzen },
            purpose = "Coordinated support for Noor at school and at home",
            givenOn = Demo.Today.ToString("yyyy-MM-dd"),
            coordinator = new { organisationId = Terneuzen, name = "Wijkteam Terneuzen" },
        }, Ct), HttpStatusCode.Created);
        await Demo.ReadAsync(await terneuzen.PostAsJsonAsync($"/api/intake/cases/{caseId}/knooppunten", new
        {
            scheduledOn = Demo.Today.ToString("yyyy-MM-dd"), participants = new[] { School, Terneuzen }, parentsInvited = true,
        }, Ct), HttpStatusCode.Created);
        var coordinated = await Demo.ReadAsync(await terneuzen.GetAsync($"/api/intake/cases/{caseId}", Ct), HttpStatusCode.OK);
        Assert.Equal(Terneuzen, coordinated.GetProperty("summary").GetProperty("coordinator").GetProperty("organisationId").GetString());

        // A thuiszitter: four months at home, reported by the school, is Terneuzen's (the child's municipality), and past the
        // limit it escalates to this region's escalation table (Region:EscalationTableId), not the demo region's.
        var report = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = new { bsn = Demo.NewBsn(), givenName = "Daan", familyName = "Verstraete", dateOfBirth = "2013-02-03", homeMunicipality = "GM0715" },
            kind = "long-term-relative",
            firstAbsentOn = Demo.Today.AddMonths(-4).ToString("yyyy-MM-dd"),
        }, Ct), HttpStatusCode.Created);
        var thuiszitter = report.GetProperty("thuiszitterCaseId").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await terneuzen.GetAsync($"/api/attendance/thuiszitters/{thuiszitter}", Ct)).StatusCode);
        var escalated = await Eventually.ValueAsync(async () =>
        {
            var response = await table.GetAsync($"/api/attendance/thuiszitters/{thuiszitter}", Ct);
            return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString() : null;
        }, status => status == "escalated", "the thuiszitter's escalation to the region's table", TimeSpan.FromSeconds(60), Ct);
        Assert.Equal("escalated", escalated);
    }

    private static async Task PutAsync(HttpClient office, string path, object body)
    {
        using var response = await office.PutAsJsonAsync(path, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"PUT {path}: {(int)response.StatusCode} {text}");
    }

    /// <summary>The office's tool, signing with the office's own key (private_key_jwt), as a real region's office runs it.</summary>
    private Task<int> AdminAsync(params string[] args) =>
        OfficeTool.RunAsync(Gateway, SecondRegionPlatform.Office, ("PLATFORM_ADMIN_KEY_FILE", region.OfficeKeys.PrivateKeyFile), output, Ct, args);
}
