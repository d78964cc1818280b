using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Portal.Api;

/// <summary>
/// The platform's APIs, called through the gateway with the signed-in person's access token, so the
/// services decide (and log) exactly as for any other client of that organisation.
/// </summary>
public sealed class PlatformApi(HttpClient http, IHttpContextAccessor context)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every arrangement awaiting the person's organisation: a worklist is read to its end.</summary>
    public Task<List<Arrangement>> AwaitingArrangementsAsync(CancellationToken ct) => ItemsAsync<Arrangement>("/api/funding/arrangements?awaiting=true&limit=200", _ => true, ct);

    /// <summary>One page of every arrangement the organisation takes part in, newest first; <paramref name="cursor"/> from the previous page.</summary>
    public Task<Page<Arrangement>> ArrangementsAsync(string? cursor, CancellationToken ct) =>
        GetAsync<Page<Arrangement>>(cursor is null ? "/api/funding/arrangements" : $"/api/funding/arrangements?cursor={Uri.EscapeDataString(cursor)}", ct);

    public Task<Arrangement?> ArrangementAsync(Guid id, CancellationToken ct) => GetOrNullAsync<Arrangement>($"/api/funding/arrangements/{id}", ct);

    public Task<List<Budget>> BudgetsAsync(CancellationToken ct) => ItemsAsync<Budget>("/api/funding/budgets?limit=200", _ => true, ct);

    public Task<Refusal?> ApproveAsync(Guid id, CancellationToken ct) => PostAsync($"/api/funding/arrangements/{id}/approval", null, ct);

    public Task<Refusal?> RejectAsync(Guid id, string reason, CancellationToken ct) => PostAsync($"/api/funding/arrangements/{id}/rejection", new { reason }, ct);

    public Task<Refusal?> RequestChangeAsync(Guid id, string reason, CancellationToken ct) => PostAsync($"/api/funding/arrangements/{id}/change-request", new { reason }, ct);

    /// <summary>A page of the person's cases: the first without a cursor, the following one with the cursor of the last page's <c>next</c>.</summary>
    public Task<CasePage> CasesAsync(string? cursor, CancellationToken ct) =>
        GetAsync<CasePage>("/api/intake/cases?limit=50" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"), ct);

    public Task<CaseDetail?> CaseAsync(Guid id, CancellationToken ct) => GetOrNullAsync<CaseDetail>($"/api/intake/cases/{id}", ct);

    /// <summary>
    /// A school (or another referrer) refers a child. The page lands on the case list whatever the answer's case, so that
    /// nothing tells the referrer whether the child is known elsewhere (#25).
    /// </summary>
    public Task<Refusal?> SubmitReferralAsync(ReferralInput referral, string? key, CancellationToken ct) =>
        PostAsync("/api/intake/referrals", referral, ct, key);

    /// <summary>The region's municipalities (code, name), by sub-region as the Directory keeps them.</summary>
    public async Task<IReadOnlyList<NamedEntry>> MunicipalitiesAsync(CancellationToken ct)
    {
        var region = await GetAsync<RegionRead>("/api/directory/region", ct);
        return [.. region.SubRegions.SelectMany(s => s.Municipalities).Select(m => new NamedEntry(m.Code, m.Name))
            .OrderBy(m => m.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("nl-NL"), ignoreCase: true))];
    }

    /// <summary>The coordinator schedules the knooppunt (Intake: only the case's coordinator may).</summary>
    public Task<Refusal?> ScheduleKnooppuntAsync(Guid caseId, DateOnly? scheduledOn, IReadOnlyList<string> participants, bool parentsInvited, string? key, CancellationToken ct) =>
        PostAsync($"/api/intake/cases/{caseId}/knooppunten", new { scheduledOn, participants, parentsInvited }, ct, key);

    /// <summary>The coordinator records what the knooppunt agreed, and its next step.</summary>
    public Task<Refusal?> RecordKnooppuntOutcomeAsync(Guid caseId, Guid knooppuntId, DateOnly? heldOn, string? summary, NextStepInput? nextStep, string? key, CancellationToken ct) =>
        PostAsync($"/api/intake/cases/{caseId}/knooppunten/{knooppuntId}/outcome", new { heldOn, summary, nextStep }, ct, key);

    /// <summary>The coordinator (or, before there is one, the referrer) records the family's consent; Intake checks who may and its rules.</summary>
    public Task<Refusal?> RecordConsentAsync(Guid caseId, ConsentInput consent, string? key, CancellationToken ct) =>
        PostAsync($"/api/intake/cases/{caseId}/consents", consent, ct, key);

    /// <summary>The coordinator records a new version of the one plan.</summary>
    public Task<Refusal?> AgreePlanAsync(Guid caseId, IReadOnlyList<string> goals, IReadOnlyList<PlanActionInput> actions, DateOnly? reviewOn, string? key, CancellationToken ct) =>
        PostAsync($"/api/intake/cases/{caseId}/plans", new { goals, actions, reviewOn }, ct, key);

    /// <summary>The open cases: the list gives them before the resolved ones, so reading stops at the first resolved case.</summary>
    public Task<List<Thuiszitter>> OpenThuiszittersAsync(CancellationToken ct) =>
        ItemsAsync<Thuiszitter>("/api/attendance/thuiszitters?limit=200", c => c.Status != "resolved", ct);

    public Task<List<Exemption>> ExemptionsAsync(CancellationToken ct) => ItemsAsync<Exemption>("/api/attendance/exemptions?limit=200", _ => true, ct);

    /// <summary>A leerplicht officer records an exemption (vrijstelling, Leerplichtwet art. 5; RULES.md §3); Attendance checks its rules.</summary>
    public Task<Refusal?> GrantExemptionAsync(ExemptionInput exemption, string? key, CancellationToken ct) =>
        PostAsync("/api/attendance/exemptions", exemption, ct, key);

    /// <summary>The region's samenwerkingsverbanden, by name: whose advice a 5 sub a exemption may carry.</summary>
    public async Task<IReadOnlyList<NamedEntry>> SwvsAsync(CancellationToken ct) =>
        [.. (await ItemsAsync<NamedEntry>("/api/directory/organisations?type=swv&limit=200", _ => true, ct)).OrderBy(o => o.Name, StringComparer.CurrentCulture)];

    public Task<Thuiszitter?> ThuiszitterAsync(Guid id, CancellationToken ct) => GetOrNullAsync<Thuiszitter>($"/api/attendance/thuiszitters/{id}", ct);

    /// <summary>A leerplicht officer registers absoluut verzuim: a child of the municipality enrolled nowhere. The new case's id, or the refusal.</summary>
    public async Task<(Guid? Id, Refusal? Refusal)> RegisterThuiszitterAsync(ReferralChildInput child, DateOnly? atHomeSince, string? key, CancellationToken ct)
    {
        var (created, refusal) = await PostForAsync<Created>("/api/attendance/thuiszitters", new { child, atHomeSince }, key, ct);
        return (created?.Id, refusal);
    }

    /// <summary>The suitable offer (passend aanbod) found: it stops the deadlines; the case resolves when the child starts on it (RULES.md §2).</summary>
    public Task<Refusal?> RecordOfferAsync(Guid id, string? kind, string? description, DateOnly? startsOn, string? key, CancellationToken ct) =>
        PostAsync($"/api/attendance/thuiszitters/{id}/offer", new { kind, description, startsOn }, ct, key);

    /// <summary>The absence reports of the municipality's children that await a leerplicht officer: new ones, then those in hand.</summary>
    public async Task<(List<AbsenceReport> New, List<AbsenceReport> InHand)> OpenAbsenceReportsAsync(CancellationToken ct) =>
        (await ItemsAsync<AbsenceReport>("/api/attendance/absence-reports?status=registered&limit=200", _ => true, ct),
         await ItemsAsync<AbsenceReport>("/api/attendance/absence-reports?status=in-progress&limit=200", _ => true, ct));

    /// <summary>A leerplicht officer of the child's municipality takes the report in hand.</summary>
    public Task<Refusal?> PickUpAbsenceReportAsync(Guid id, string? key, CancellationToken ct) => PostAsync($"/api/attendance/absence-reports/{id}/pick-up", null, ct, key);

    /// <summary>The officer closes the report, with what was done.</summary>
    public Task<Refusal?> CloseAbsenceReportAsync(Guid id, string? note, DateOnly? lastAbsentOn, string? key, CancellationToken ct) =>
        PostAsync($"/api/attendance/absence-reports/{id}/closure", new { note, lastAbsentOn }, ct, key);

    /// <summary>A page or file of the monitor (its HTML page, its CSV), as Monitoring renders it.</summary>
    /// <summary>
    /// The monitor's page or CSV as Monitoring answers it. Its refusals (a bad or a running period: 400, 422
    /// with a problem naming <c>period</c>) reach the person as they are, not as the portal's own 500.
    /// </summary>
    public async Task<(int Status, byte[] Content, string ContentType)> MonitorAsync(string file, string? query, CancellationToken ct)
    {
        using var response = await http.SendAsync(await RequestAsync(HttpMethod.Get, $"/api/monitoring/{file}{query}"), ct);
        if ((int)response.StatusCode >= 500) response.EnsureSuccessStatusCode();
        return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(ct), response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream");
    }

    /// <summary>Every organisation's and location's name in the Directory, by id (<see cref="RegionNames"/> keeps them).</summary>
    public async Task<(Dictionary<string, string> Organisations, Dictionary<string, string> Locations)> DirectoryNamesAsync(CancellationToken ct)
    {
        var organisations = await ItemsAsync<NamedEntry>("/api/directory/organisations?limit=200", _ => true, ct);
        var locations = await ItemsAsync<NamedEntry>("/api/directory/locations?limit=200", _ => true, ct);
        return (organisations.ToDictionary(o => o.Id, o => o.Name), locations.ToDictionary(l => l.Id, l => l.Name));
    }

    /// <summary>A paged list's items, page after page (its <c>next</c> links), as long as they are <paramref name="wanted"/>.</summary>
    private async Task<List<T>> ItemsAsync<T>(string path, Func<T, bool> wanted, CancellationToken ct)
    {
        var items = new List<T>();
        for (string? next = path; next is not null;)
        {
            var page = await GetAsync<Page<T>>(next, ct);
            var taken = page.Items.TakeWhile(wanted).ToList();
            items.AddRange(taken);
            next = taken.Count == page.Items.Count ? page.Next : null;
        }
        return items;
    }

    private async Task<T> GetAsync<T>(string path, CancellationToken ct) where T : class =>
        await GetOrNullAsync<T>(path, ct) ?? throw new HttpRequestException($"{path} answered 404.", null, HttpStatusCode.NotFound);

    private async Task<T?> GetOrNullAsync<T>(string path, CancellationToken ct) where T : class
    {
        using var response = await http.SendAsync(await RequestAsync(HttpMethod.Get, path), ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        Refuse(response, path);
        return await response.Content.ReadFromJsonAsync<T>(Json, ct);
    }

    /// <summary>401: the person's token ran out (sign in again); 403: not for this person's work.</summary>
    private static void Refuse(HttpResponseMessage response, string path)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized) throw new SessionExpiredException();
        if (response.StatusCode == HttpStatusCode.Forbidden) throw new NotPermittedException(path);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// The privacy officer's report of who looked at one child's data (AVG art. 15). The BSN goes in the body, never in
    /// a URL; the report is an access too, so Audit records that the privacy officer looked.
    /// </summary>
    public Task<(AccessReport? Report, Refusal? Refusal)> AccessReportAsync(string bsn, CancellationToken ct) =>
        // A report, not a change: no Idempotency-Key (Audit takes none here).
        PostForAsync<AccessReport>("/api/audit/access-reports", new { bsn }, key: null, ct, idempotent: false);

    /// <summary>
    /// A POST whose answer the page needs: the answer, or the API's refusal. 401 ends the session; 403 is "not for this
    /// person's work" (the page answers as for any 403).
    /// </summary>
    private async Task<(T? Answer, Refusal? Refusal)> PostForAsync<T>(string path, object body, string? key, CancellationToken ct, bool idempotent = true)
        where T : class
    {
        var request = await RequestAsync(HttpMethod.Post, path);
        request.Content = JsonContent.Create(body, options: Json);
        if (idempotent) request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized) throw new SessionExpiredException();
        if (response.StatusCode == HttpStatusCode.Forbidden) throw new NotPermittedException(path);
        if (!response.IsSuccessStatusCode) return (null, await RefusalOfAsync(response, ct));
        return (await response.Content.ReadFromJsonAsync<T>(Json, ct), null);
    }

    private async Task<Refusal?> PostAsync(string path, object? body, CancellationToken ct, string? key = null)
    {
        var request = await RequestAsync(HttpMethod.Post, path);
        if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        // A double click or a resubmitted form must not act twice: the key comes from the form as it was rendered
        // (FormKeys), so the second post gets the first one's answer; without one, a new key.
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        using var response = await http.SendAsync(request, ct);
        if (response.IsSuccessStatusCode) return null;
        if (response.StatusCode == HttpStatusCode.Unauthorized) throw new SessionExpiredException();
        return await RefusalOfAsync(response, ct);
    }

    /// <summary>The API's problem answer as the page shows it: its detail (or title) and the fields it names.</summary>
    private static async Task<Refusal> RefusalOfAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct) : default;
        var errors = new Dictionary<string, string[]>();
        if (problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
            foreach (var field in e.EnumerateObject())
                errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array ? [.. field.Value.EnumerateArray().Select(v => v.ToString())] : [field.Value.ToString()];
        var title = problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()!
            : problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("title", out var t) ? t.GetString()! : response.ReasonPhrase ?? "Refused";
        return new Refusal((int)response.StatusCode, title, errors);
    }

    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        var token = await context.HttpContext!.AccessTokenAsync();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        // The access log records why a person looked.
        request.Headers.Add("X-Purpose-Reason", "portal");
        return request;
    }
}

/// <summary>The person's organisation may not use this API (its token has no audience for it).</summary>
public sealed class NotPermittedException(string path) : Exception($"Not permitted: {path}");

/// <summary>The person's access token is no longer accepted: the portal signs them in again.</summary>
public sealed class SessionExpiredException() : Exception("The access token is no longer valid.");
