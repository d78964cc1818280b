using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Platform.Intake.Infrastructure;
using Platform.TestInfrastructure;

namespace Platform.Intake.Tests.Apis;

/// <summary>
/// One open case for the whole matrix: referred by De Linde, coordinated by JGZ, with the municipality
/// of residence (Maastricht, GM0935), an SWV and another municipality (Vaals) named in the consent.
/// Requests with an empty body change nothing, so every row can run against it.
/// </summary>
public sealed class OpenCaseForRoles(TestServersFixture fixture) : IAsyncLifetime
{
    public readonly TestTokens Tokens = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    public ServiceFactory<Program, IntakeDbContext> Intake { get; private set; } = null!;
    public Guid CaseId { get; private set; }
    public Guid ConsentId { get; private set; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient As(string organisation, string type)
    {
        var client = Intake.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.For(organisation, "intake-api", type));
        return client;
    }

    public async ValueTask InitializeAsync()
    {
        Intake = await ServiceFactory<Program, IntakeDbContext>.StartAsync(fixture.Servers, new() { Tokens = Tokens, Clock = _clock, Prefix = "roles" });
        var school = As("school-bs-de-linde", "school");
        var referral = await (await school.PostAsJsonAsync("/api/intake/referrals", new
        {
            child = new { bsn = "111222333", givenName = "Sanne", familyName = "Jansen", dateOfBirth = "2017-04-01", homeMunicipality = "GM0935" },
            supportNeeds = new[] { new { domain = "learning", description = "Reads below age level." } },
            triedSoFar = "Extra support in class.", urgency = "soon",
        }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        CaseId = (await school.GetFromJsonAsync<JsonElement>($"/api/intake/referrals/{referral.GetProperty("id").GetGuid()}", Ct)).GetProperty("caseId").GetGuid();
        var consent = await school.PostAsJsonAsync($"/api/intake/cases/{CaseId}/consents", new
        {
            givenBy = new[] { "parents" },
            parentalAuthority = new { holders = new[] { "mother", "father" }, verifiedBy = "gezagsregister", verifiedOn = "2026-11-23" },
            organisations = new[] { "school-bs-de-linde", "jgz-zuid-limburg", "gemeente-maastricht", "swv-po-maastricht-heuvelland", "gemeente-vaals" },
            purpose = "Support planning", givenOn = "2026-11-23", coordinator = new { organisationId = "jgz-zuid-limburg", name = "A. Pauw" },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, consent.StatusCode);
        ConsentId = (await consent.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        // A later referrer outside the consent: its referral joined the case, which it does not see.
        Assert.Equal(HttpStatusCode.Created, (await As("kinderopvang-de-kleine-wereld", "childcare").PostAsJsonAsync("/api/intake/referrals", new
        {
            child = new { bsn = "111222333", givenName = "Sanne", familyName = "Jansen", dateOfBirth = "2017-04-01", homeMunicipality = "GM0935" },
            supportNeeds = new[] { new { domain = "learning", description = "Reads below age level." } },
            triedSoFar = "x", urgency = "soon",
        }, Ct)).StatusCode);
    }

    public async ValueTask DisposeAsync() => await Intake.DisposeAsync();
}

/// <summary>
/// #25 point 2, per-action roles in Intake cases: every action × every organisation role (docs/security.md,
/// "Per action"). The coordinator runs the case; consent is asked for and recorded by the coordinator or a
/// referrer (RULES.md §6); the coordinator is handed over by the coordinator or the municipality of residence
/// (Jeugdwet art. 2.3, RULES.md §5); a partner named in the consent sees the case but makes none of these moves
/// (403 before its body); an organisation outside the consent gets 404.
/// </summary>
public sealed class CaseRolesMatrixTests(OpenCaseForRoles open) : IClassFixture<OpenCaseForRoles>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static readonly (string Role, string Organisation, string Type)[] Roles =
    [
        ("referrer", "school-bs-de-linde", "school"),
        ("coordinator", "jgz-zuid-limburg", "jgz"),
        ("residence-municipality", "gemeente-maastricht", "municipality"),
        ("consent-partner-swv", "swv-po-maastricht-heuvelland", "swv"),
        ("consent-partner-other-municipality", "gemeente-vaals", "municipality"),
        ("later-referrer-outside-consent", "kinderopvang-de-kleine-wereld", "childcare"),
        ("stranger", "jeugdhulp-horizon", "youth-care-provider"),
    ];

    /// <summary>Who may make each move; everyone else who sees the case gets 403, everyone who does not 404.</summary>
    public static readonly Dictionary<string, string[]> MayAct = new()
    {
        ["consent-request"] = ["referrer", "coordinator"],
        ["consents"] = ["referrer", "coordinator"],
        ["withdrawal"] = ["referrer", "coordinator"],   // the referrer also recorded the consent
        ["coordinator"] = ["coordinator", "residence-municipality"],
        ["knooppunten"] = ["coordinator"],
        ["outcome"] = ["coordinator"],
        ["plans"] = ["coordinator"],
        ["closure"] = ["coordinator"],
    };

    private static readonly string[] Outside = ["later-referrer-outside-consent", "stranger"];

    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var action in MayAct.Keys)
        foreach (var (role, _, _) in Roles)
            data.Add(action, role);
        return data;
    }

    private (HttpMethod Method, string Path) Route(string action) => action switch
    {
        "consent-request" => (HttpMethod.Post, $"/api/intake/cases/{open.CaseId}/consent-request"),
        "consents" => (HttpMethod.Post, $"/api/intake/cases/{open.CaseId}/consents"),
        "withdrawal" => (HttpMethod.Post, $"/api/intake/cases/{open.CaseId}/consents/{open.ConsentId}/withdrawal"),
        "coordinator" => (HttpMethod.Put, $"/api/intake/cases/{open.CaseId}/coordinator"),
        "knooppunten" => (HttpMethod.Post, $"/api/intake/cases/{open.CaseId}/knooppunten"),
        "outcome" => (HttpMethod.Post, $"/api/intake/cases/{open.CaseId}/knooppunten/{Guid.NewGuid()}/outcome"),
        "plans" => (HttpMethod.Post, $"/api/intake/cases/{open.CaseId}/plans"),
        "closure" => (HttpMethod.Post, $"/api/intake/cases/{open.CaseId}/closure"),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_action_answers_each_role_by_the_policy_table(string action, string role)
    {
        var (_, organisation, type) = Roles.Single(r => r.Role == role);
        var (method, path) = Route(action);

        var response = await open.As(organisation, type).SendAsync(new HttpRequestMessage(method, path)
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        // May act: its empty body is checked (400), or the open case's state refuses asking for consent again (409).
        var expected = Outside.Contains(role) ? HttpStatusCode.NotFound
            : !MayAct[action].Contains(role) ? HttpStatusCode.Forbidden
            : action == "consent-request" ? HttpStatusCode.Conflict : HttpStatusCode.BadRequest;
        Assert.True(expected == response.StatusCode, $"{role} {method} {path}: expected {(int)expected}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (expected == HttpStatusCode.Forbidden) Assert.Contains("docs/security.md", body);
    }

    /// <summary>The incident behind #25: an SWV named in the consent took over as coordinator. Now a 403, and nothing changes.</summary>
    [Fact]
    public async Task A_partner_swv_cannot_take_over_as_coordinator_but_the_municipality_of_residence_can_hand_the_case_over()
    {
        var swv = open.As("swv-po-maastricht-heuvelland", "swv");
        var takeOver = await swv.PutAsJsonAsync($"/api/intake/cases/{open.CaseId}/coordinator",
            new { organisationId = "swv-po-maastricht-heuvelland", name = "SWV", reason = "We coordinate now" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, takeOver.StatusCode);
        var still = await swv.GetFromJsonAsync<JsonElement>($"/api/intake/cases/{open.CaseId}", Ct);
        Assert.Equal("jgz-zuid-limburg", still.GetProperty("summary").GetProperty("coordinator").GetProperty("organisationId").GetString());

        var residence = open.As("gemeente-maastricht", "municipality");
        var handed = await residence.PutAsJsonAsync($"/api/intake/cases/{open.CaseId}/coordinator",
            new { organisationId = "gemeente-maastricht", name = "J. de Vries", reason = "The wijkteam takes over" }, Ct);
        Assert.Equal(HttpStatusCode.OK, handed.StatusCode);
        // And back, so the matrix's case keeps its coordinator.
        Assert.Equal(HttpStatusCode.OK, (await residence.PutAsJsonAsync($"/api/intake/cases/{open.CaseId}/coordinator",
            new { organisationId = "jgz-zuid-limburg", name = "A. Pauw", reason = "Back to JGZ" }, Ct)).StatusCode);
    }
}
