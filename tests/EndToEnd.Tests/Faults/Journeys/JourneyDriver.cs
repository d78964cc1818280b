using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEnd.Tests.Faults.Journeys;

/// <summary>
/// A steady stream of journeys through the gateway: a new one starts every 1/rate seconds whatever
/// the platform is doing (an open model: a fault does not slow the arrivals). Each request is
/// retried with the same Idempotency-Key on 5xx, 429, 409-with-Retry-After, timeouts and refused
/// connections, as the API documentation tells integrators (the README, "Retrying"): after
/// Retry-After when the answer has one, otherwise with exponential back-off and jitter, until it is
/// accepted or the journey's patience runs out. Without the back-off, hundreds of journeys waiting
/// out a dead gateway retried every half second: a storm of ~800 connections a second that starved
/// the restart it was waiting for (a CI run's gateway and intake never came back).
/// </summary>
public sealed class JourneyDriver(HttpClient school, double journeysPerSecond, TimeSpan patience, bool sendTwice = false) : IAsyncDisposable
{
    private readonly ConcurrentBag<Journey> _journeys = [];
    private readonly ConcurrentBag<Task> _running = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private int _next;

    public IReadOnlyCollection<Journey> Journeys => _journeys;

    public void Start() => _loop = Task.Run(ArrivalsAsync);

    /// <summary>Stops new arrivals and waits for the journeys under way to finish or give up.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null) await _loop;
        await Task.WhenAll(_running);
    }

    private async Task ArrivalsAsync()
    {
        var interval = TimeSpan.FromSeconds(1 / journeysPerSecond);
        var start = DateTime.UtcNow;
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            var due = start + (interval * n);
            var wait = due - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                try { await Task.Delay(wait, _stop.Token); }
                catch (OperationCanceledException) { return; }
            }
            var journey = new Journey(Interlocked.Increment(ref _next));
            _journeys.Add(journey);
            _running.Add(Task.Run(() => RunAsync(journey)));
        }
    }

    private async Task RunAsync(Journey journey)
    {
        var giveUpAt = DateTimeOffset.UtcNow + patience;
        var referral = await SendAsync(journey.Referral, "/api/intake/referrals", ReferralBody(journey), giveUpAt);
        if (referral is not { } r) return;
        journey.ReferralId = r.GetProperty("id").GetGuid();
        // The POST's answer does not tell whether the child is known (#25): the case id is read back from the referral.
        journey.CaseId = await CaseOfReferralAsync(journey.ReferralId.Value, giveUpAt);
        if (journey.CaseId is null) return;

        var consent = await SendAsync(journey.Consent, $"/api/intake/cases/{journey.CaseId}/consents", ConsentBody(), giveUpAt,
            lookUp: () => ConsentOnCaseAsync(journey.CaseId!.Value));
        if (consent is { } c) journey.ConsentId = c.GetProperty("id").GetGuid();
    }

    /// <summary>Sends until accepted; returns the accepted answer, or null when refused or out of patience.</summary>
    /// <param name="lookUp">
    /// What the integrator does when told the work was done but its answer lost (a crash between
    /// commit and answer): look the resource up, as that answer says.
    /// </param>
    private async Task<JsonElement?> SendAsync(Step step, string path, object body, DateTimeOffset giveUpAt, Func<Task<JsonElement?>>? lookUp = null)
    {
        for (var retry = 0; DateTimeOffset.UtcNow < giveUpAt; retry++)
        {
            var attempts = sendTwice ? 2 : 1;
            var answers = await Task.WhenAll(Enumerable.Range(0, attempts).Select(_ => AttemptAsync(step, path, body)));
            var accepted = answers.Where(a => a.Accepted is not null).Select(a => a.Accepted!.Value).ToList();
            if (accepted.Count > 0)
            {
                if (accepted.Select(a => a.GetProperty("id").GetGuid()).Distinct().Count() > 1) step.AnsweredDifferently = true;
                step.AcceptedAt = DateTimeOffset.UtcNow;
                return accepted[0];
            }
            if (lookUp is not null && answers.Any(a => a.Refused?.Contains("answer was lost", StringComparison.Ordinal) == true)
                && await lookUp() is { } found)
            {
                lock (step) step.Setbacks.Add("answer lost, found by lookup");
                step.AcceptedAt = DateTimeOffset.UtcNow;
                return found;
            }
            if (answers.FirstOrDefault(a => a.Refused is not null) is { Refused: { } refused })
            {
                step.Refused = refused;
                return null;
            }
            await Task.Delay(RetryDelay.After(retry, answers.Max(a => a.RetryAfter)));
        }
        return null;
    }

    private async Task<(JsonElement? Accepted, string? Refused, TimeSpan RetryAfter)> AttemptAsync(Step step, string path, object body)
    {
        lock (step) step.Attempts++;
        var noRetryAfter = TimeSpan.Zero; // the back-off alone decides the wait
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", step.IdempotencyKey);
            using var response = await school.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                // A service killed while its answer was on the wire leaves the status without its body (the
                // gateway had passed the headers on). An integrator retries with the same key: the stored answer.
                if (Parsed(text) is { } answer) return (answer, null, default);
                lock (step) step.Setbacks.Add($"truncated answer ({(int)response.StatusCode}, {text.Length} characters)");
                return (null, null, noRetryAfter);
            }

            if (response.StatusCode == HttpStatusCode.Conflict && response.Headers.Location is { } resource
                && text.Contains("answer was lost", StringComparison.Ordinal))
            {
                // Done, but the answer was lost in a crash: the integrator reads the result where it is.
                using var found = await school.GetAsync(resource);
                if (found.IsSuccessStatusCode && Parsed(await found.Content.ReadAsStringAsync()) is { } located)
                {
                    lock (step) step.Setbacks.Add("answer lost, read at its Location");
                    return (located, null, default);
                }
            }
            lock (step) step.Setbacks.Add(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var retryAfter = response.Headers.RetryAfter?.Delta ?? noRetryAfter;
            var retriable = (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests
                || (response.StatusCode == HttpStatusCode.Conflict && response.Headers.RetryAfter is not null);
            return retriable ? (null, null, retryAfter) : (null, $"{(int)response.StatusCode}: {text}", default);
        }
        catch (HttpRequestException ex)
        {
            lock (step) step.Setbacks.Add(ex.HttpRequestError.ToString());
            return (null, null, noRetryAfter);
        }
        catch (IOException ex)
        {
            // The answer's body broke off mid-way (the same crash, seen while reading it).
            lock (step) step.Setbacks.Add($"truncated answer ({ex.GetType().Name})");
            return (null, null, noRetryAfter);
        }
        catch (TaskCanceledException)
        {
            lock (step) step.Setbacks.Add("timeout");
            return (null, null, noRetryAfter);
        }
    }

    private async Task<Guid?> CaseOfReferralAsync(Guid referralId, DateTimeOffset giveUpAt)
    {
        for (var retry = 0; DateTimeOffset.UtcNow < giveUpAt; retry++)
        {
            try
            {
                using var response = await school.GetAsync($"/api/intake/referrals/{referralId}");
                if (response.IsSuccessStatusCode)
                    return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("caseId").GetGuid();
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(RetryDelay.After(retry, TimeSpan.Zero));
        }
        return null;
    }

    private async Task<JsonElement?> ConsentOnCaseAsync(Guid caseId)
    {
        try
        {
            var found = JsonDocument.Parse(await school.GetStringAsync($"/api/intake/cases/{caseId}")).RootElement;
            return found.GetProperty("consents").EnumerateArray().Select(c => (JsonElement?)c.Clone()).FirstOrDefault();
        }
        catch (HttpRequestException) { return null; }
        catch (TaskCanceledException) { return null; }
    }

    internal static object ReferralBody(Journey journey) => new
    {
        child = new { bsn = journey.Bsn, givenName = "Fenna", familyName = "Veltman", dateOfBirth = "2016-03-09", homeMunicipality = "GM0935" },
        supportNeeds = new[] { new { domain = "social-emotional", description = "Stays home more and more." } },
        triedSoFar = "Mentor talks; a quiet corner.",
        urgency = "soon",
    };

    private static object ConsentBody() => new
    {
        givenBy = new[] { "parents" },
        parentalAuthorityCheckedIn = "gezagsregister",
        organisations = new[] { Control.DemoClients.School, Control.DemoClients.Municipality, Control.DemoClients.Swv },
        purpose = "A place in a group that fits",
        purposes = new[] { "support", "arrangement" },
        givenOn = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        coordinator = new { organisationId = Control.DemoClients.Municipality, name = "M. Janssen (wijkteam)" },
    };

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync();
        _stop.Dispose();
    }

    private static JsonElement? Parsed(string text)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
