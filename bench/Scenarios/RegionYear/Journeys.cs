using System.Net;
using System.Text.Json;

namespace Platform.Bench.Scenarios.RegionYear;

/// <summary>
/// Each kind of the year's work as its organisations do it through the gateway, one call after the other, each with the
/// status the API documents. Every date is relative to the platform's today: consent is accepted at most a week back,
/// knooppunten, plans and handovers are scheduled from today, nothing lies in the future (the services' own rules), so the
/// year is replayed compressed into the run rather than spread over a calendar (bench/README.md).
/// </summary>
public sealed class Journeys(YearClient api, YearPlan plan, Children children)
{
    private static readonly HttpMethod Post = HttpMethod.Post, Get = HttpMethod.Get, Put = HttpMethod.Put;
    private const string Coordinator = "Coördinator wijkteam";

    /// <summary>
    /// The support domain of the year's collective arrangements and of the plans that ask for a place in one. Funding places a
    /// child in a running arrangement whose domains cover the plan's: the end-to-end journeys, beside which CI runs this step,
    /// ask for and offer other domains, so neither takes the other's places.
    /// </summary>
    private const string YearDomain = "health-development";
    private readonly RegionDirectory _directory = plan.Directory;

    /// <summary>The platform's today (Dutch time), read once per journey: a journey that crosses midnight keeps its dates.</summary>
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Amsterdam).DateTime);
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public Task RunAsync(PlannedJourney journey, CancellationToken ct)
    {
        var today = Today;
        return journey.Kind switch
        {
            JourneyKind.Referral => ReferralAsync(journey.School, journey.AsksForArrangement, today, ct),
            JourneyKind.AbsenceReport => AbsenceReportAsync(journey.School, today, ct),
            JourneyKind.LongTermSickness => LongTermSicknessAsync(journey.School, today, ct),
            JourneyKind.Thuiszitter => ThuiszitterAsync(journey.School, today, ct),
            JourneyKind.Exemption => ExemptionAsync(journey.School, today, ct),
            JourneyKind.Tlv => TlvAsync(journey.School, today, ct),
            JourneyKind.Handover => HandoverAsync(journey.School, today, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(journey)),
        };
    }

    /// <summary>Flow 1: referral, consent, knooppunt and outcome, plan (a tenth ask for a place in a collective arrangement).</summary>
    private async Task ReferralAsync(SchoolLocation school, bool arrangement, DateOnly today, CancellationToken ct)
    {
        var gemeente = _directory.MunicipalityOf(school.Municipality);
        string[] purposes = arrangement ? ["support", "arrangement"] : ["support"];
        var (caseId, _) = await OpenCaseAsync(school, () => children.At(school, today), purposes,
            _ => [school.OrganisationId, gemeente, .. Swv(school)], "Support at school and at home", today, ct);

        var knooppunt = await api.CallAsync("schedule knooppunt", gemeente, Post, $"/api/intake/cases/{caseId}/knooppunten",
            new { scheduledOn = today, participants = new[] { school.OrganisationId, gemeente }, parentsInvited = true }, HttpStatusCode.Created, ct);
        await api.CallAsync("knooppunt outcome", gemeente, Post, $"/api/intake/cases/{caseId}/knooppunten/{Id(knooppunt)}/outcome", new
        {
            heldOn = today,
            summary = "School adapts the breaks; the wijkteam supports the family.",
            nextStep = new { description = "A quiet place during breaks", ownerOrganisationId = school.OrganisationId, startsOn = today },
        }, HttpStatusCode.OK, ct);
        await api.CallAsync("agree plan", gemeente, Post, $"/api/intake/cases/{caseId}/plans", new
        {
            goals = new[] { "Joins the breaks with a friend", "Sleeps through most nights" },
            actions = new[] { new { partnerOrganisationId = school.OrganisationId, description = "A buddy at breaks", owner = "Teacher", dueOn = today.AddDays(40) } },
            reviewOn = today.AddDays(84),
            arrangement = arrangement
                ? new { kind = "collective", supportDomains = new[] { YearDomain }, urgent = false, schoolOrganisationId = school.OrganisationId }
                : null,
        }, HttpStatusCode.Created, ct);
    }

    /// <summary>Flow 2: a 16-hour report on the school's own school days (or overig verzuim under 16 hours); picked up and closed by the municipality.</summary>
    private async Task AbsenceReportAsync(SchoolLocation school, DateOnly today, CancellationToken ct)
    {
        var child = children.At(school, today);
        var days = await SchoolDaysAsync(school.OrganisationId, today, ct);
        // RULES.md §1: 16 hours within four school weeks, first and last day school days, reported within five working days.
        object body = days.Count >= 10 && Random.Shared.NextDouble() < 0.7
            ? new { child = child.Body, kind = "unauthorised", firstAbsentOn = days[^10], lastAbsentOn = days[^1], hours = Random.Shared.Next(16, 30) }
            : new { child = child.Body, kind = "other", firstAbsentOn = today.AddDays(-10), lastAbsentOn = today.AddDays(-1), hours = Random.Shared.Next(4, 15) };
        var report = await api.CallAsync("absence report", school.OrganisationId, Post, "/api/attendance/absence-reports", body, HttpStatusCode.Created, ct);
        var officer = _directory.MunicipalityOf(report.GetProperty("routedToMunicipality").GetString()!);
        await api.CallAsync("pick up report", officer, Post, $"/api/attendance/absence-reports/{Id(report)}/pick-up", null, HttpStatusCode.OK, ct);
        await api.CallAsync("close report", officer, Post, $"/api/attendance/absence-reports/{Id(report)}/closure",
            new { note = "Spoke with the parents; back at school." }, HttpStatusCode.OK, ct);
    }

    /// <summary>
    /// The grey zone (RULES.md §2): long-term sickness reported by the school with its review date; the municipality picks the
    /// report up. Never a thuiszitter case (sickness is not relative absence).
    /// </summary>
    private async Task LongTermSicknessAsync(SchoolLocation school, DateOnly today, CancellationToken ct)
    {
        var child = children.At(school, today);
        var report = await api.CallAsync("long-term sickness report", school.OrganisationId, Post, "/api/attendance/absence-reports",
            new { child = child.Body, kind = "long-term-sickness", firstAbsentOn = today.AddDays(-30), reviewOn = today.AddDays(42) }, HttpStatusCode.Created, ct);
        var officer = _directory.MunicipalityOf(report.GetProperty("routedToMunicipality").GetString()!);
        await api.CallAsync("pick up report", officer, Post, $"/api/attendance/absence-reports/{Id(report)}/pick-up", null, HttpStatusCode.OK, ct);
    }

    /// <summary>Flow 3: long-term relative absence (over four school weeks, RULES.md §2) opens a thuiszitter case; the officer offers a place starting today.</summary>
    private async Task ThuiszitterAsync(SchoolLocation school, DateOnly today, CancellationToken ct)
    {
        var child = children.At(school, today);
        var report = await api.CallAsync("long-term absence report", school.OrganisationId, Post, "/api/attendance/absence-reports",
            new { child = child.Body, kind = "long-term-relative", firstAbsentOn = today.AddDays(-84) }, HttpStatusCode.Created, ct);
        if (report.GetProperty("thuiszitterCaseId").ValueKind != JsonValueKind.String)
            throw new StepFailed("long-term absence report", 201, "no thuiszitter case opened");
        var caseId = report.GetProperty("thuiszitterCaseId").GetString();
        var officer = _directory.MunicipalityOf(child.HomeMunicipality);
        await api.CallAsync("read thuiszitter case", officer, Get, $"/api/attendance/thuiszitters/{caseId}", null, HttpStatusCode.OK, ct);
        await api.CallAsync("suitable offer", officer, Post, $"/api/attendance/thuiszitters/{caseId}/offer",
            new { kind = "education", description = "A place in a smaller group", startsOn = today }, HttpStatusCode.OK, ct);
        await api.CallAsync("pick up report", officer, Post, $"/api/attendance/absence-reports/{Id(report)}/pick-up", null, HttpStatusCode.OK, ct);
        await api.CallAsync("close report", officer, Post, $"/api/attendance/absence-reports/{Id(report)}/closure",
            new { note = "Back at school.", lastAbsentOn = today }, HttpStatusCode.OK, ct);
    }

    /// <summary>Flow 4: a vrijstelling (RULES.md §3): half 5 sub a with an independent statement and the SWV's advice, the rest 5 sub b or c.</summary>
    private async Task ExemptionAsync(SchoolLocation school, DateOnly today, CancellationToken ct)
    {
        var child = children.At(school, today);
        var gemeente = _directory.MunicipalityOf(child.HomeMunicipality);
        var roll = Random.Shared.NextDouble();
        object body = roll < 0.5 && school.Swv is not null
            ? new
            {
                child = child.Body, article = "5a", startsOn = today,
                statement = new { profession = "doctor", issuedBy = "Dr. Janssen (GGD)", issuedOn = today.AddDays(-10), treatingProfessional = false, never = false },
                swvAdvice = new { swvOrganisationId = school.Swv, advisedOn = today.AddDays(-5), advice = "Agrees: no school can meet this need now." },
            }
            : new { child = child.Body, article = roll < 0.7 ? "5b" : "5c", startsOn = today, grounds = roll < 0.7 ? "The parents object to the orientation of every school nearby." : "Enrolled at a school in Belgium." };
        await api.CallAsync("grant exemption", gemeente, Post, "/api/attendance/exemptions", body, HttpStatusCode.Created, ct);
    }

    /// <summary>Flow 5: a TLV (RULES.md §4): the case and its consent, the request, two independent experts, their advices, the SWV's decision.</summary>
    private async Task TlvAsync(SchoolLocation school, DateOnly today, CancellationToken ct)
    {
        var gemeente = _directory.MunicipalityOf(school.Municipality);
        var (first, second) = ExpertsFor(school);
        var kind = school.Primary ? "sbo" : "vso";
        var receiving = _directory.Schools.Where(s => s.Kind == kind).Select(s => s.Id).FirstOrDefault();
        var (caseId, _) = await OpenCaseAsync(school, () => children.At(school, today), ["support", "tlv"],
            _ => [school.OrganisationId, gemeente, .. Swv(school), first.OrganisationId, second.OrganisationId],
            "Support at school, and an application for special education", today, ct);

        // Funding knows the case and its consent once Intake's events reached it: until then 422 on caseId.
        var tlv = await api.CallOnceCaughtUpAsync("request TLV", school.OrganisationId, "/api/funding/tlvs", new
        {
            caseId, schoolLocationId = school.Id, kind, receivingLocationId = receiving,
            substantiation = "Two years of extra support and an arrangement; the gap keeps growing.",
            parentsView = "We want a small group close to home.",
        }, HttpStatusCode.Created, text => text.Contains("\"caseId\"", StringComparison.Ordinal), ct);
        var id = Id(tlv);
        var swv = tlv.GetProperty("swvId").GetString()!;
        foreach (var expert in new[] { first, second })
            await api.CallAsync("invite expert", swv, Post, $"/api/funding/tlvs/{id}/experts",
                new { organisationId = expert.OrganisationId, profession = expert.Profession }, HttpStatusCode.OK, ct);
        foreach (var expert in new[] { first, second })
            await api.CallAsync("expert advice", expert.OrganisationId, Post, $"/api/funding/tlvs/{id}/advices", new
            {
                expertName = expert.PersonId, expertPersonId = expert.PersonId, profession = expert.Profession, advice = "favourable",
                summary = "Needs a small group and a structured day.", givenOn = today,
            }, HttpStatusCode.Created, ct);
        await api.CallAsync("decide TLV", swv, Post, $"/api/funding/tlvs/{id}/decision", new
        {
            outcome = "granted", kind, category = kind == "sbo" ? null : "midden", receivingLocationId = receiving,
            validFrom = today, validUntil = today.AddYears(1),
            parentsView = "The parents agree.", reasons = "Both experts: the support needed exceeds what the school can offer.",
        }, HttpStatusCode.OK, ct);
    }

    /// <summary>Flow 7: a warm handover from primary to secondary (RULES.md §7): the case with a handover consent, started, accepted, met, completed.</summary>
    private async Task HandoverAsync(SchoolLocation school, DateOnly today, CancellationToken ct)
    {
        var gemeente = _directory.MunicipalityOf(school.Municipality);
        var receivers = _directory.Schools.Where(s => s.Kind == "vo").Select(s => s.OrganisationId).Distinct().ToList();
        if (receivers.Count == 0) throw new StepFailed("start handover", 0, "the Directory lists no secondary school");
        var receiver = receivers[Random.Shared.Next(receivers.Count)];
        var (_, child) = await OpenCaseAsync(school, () => children.Next(today, 11, 11, school.Municipality), ["support", "handover"],
            _ => [school.OrganisationId, receiver, gemeente], "Support and the warm handover to the next school", today, ct);

        // Handover knows the consent once Intake's events reached it: until then 422 (handover-consent-required).
        var handover = await api.CallOnceCaughtUpAsync("start handover", school.OrganisationId, "/api/handover/handovers", new
        {
            child = new { bsn = child.Bsn, givenName = child.GivenName, familyName = child.FamilyName, dateOfBirth = child.DateOfBirth },
            switchMoment = "primary-to-secondary", receivingOrganisationId = receiver, dueOn = today.AddDays(14),
            dossier = new { educationalNeeds = "Instructions in small steps", supportNeeds = "A fixed mentor", whatWorks = "A day plan on paper" },
        }, HttpStatusCode.Created, text => text.Contains("handover-consent-required", StringComparison.Ordinal), ct);
        var id = Id(handover);
        var accepted = await api.CallAsync("accept handover", receiver, Post, $"/api/handover/handovers/{id}/acceptance", null, HttpStatusCode.OK, ct);
        if (accepted.TryGetProperty("care", out var care))
            foreach (var item in care.EnumerateArray())
                await api.CallAsync("confirm care", receiver, Post, $"/api/handover/handovers/{id}/care/{Id(item)}/confirmation",
                    new { continues = true }, HttpStatusCode.OK, ct);
        await api.CallAsync("handover meeting", school.OrganisationId, Post, $"/api/handover/handovers/{id}/meeting",
            new { heldOn = today, participants = new[] { school.OrganisationId, receiver }, parentsPresent = true }, HttpStatusCode.OK, ct);
        await api.CallAsync("complete handover", receiver, Post, $"/api/handover/handovers/{id}/completion", null, HttpStatusCode.OK, ct);
    }

    /// <summary>
    /// Flow 6, first part: the funders hold their budget lines and set up a collective arrangement at the location: drafted and
    /// proposed by the SWV, approved by the SWV and the municipality (each paying its own part, RULES.md §5).
    /// </summary>
    public async Task CollectiveAsync(SchoolLocation school, CancellationToken ct)
    {
        var today = Today;
        var swv = school.Swv!;
        var gemeente = _directory.MunicipalityOf(school.Municipality);
        var arrangement = await api.CallAsync("draft arrangement", swv, Post, "/api/funding/arrangements", new
        {
            kind = "collective", title = $"Groep Ontwikkeling {school.Id}", locationId = school.Id,
            targetGroup = "Children whose development needs a small group with care in school",
            supportDomains = new[] { YearDomain }, servesMunicipalities = new[] { school.Municipality },
            places = 8, startsOn = today, endsOn = today.AddMonths(10),
            costs = new { educationCents = 6_000_000, careCents = 3_000_000, jointCents = 1_000_000 },
            shares = new[]
            {
                new { part = "education", funderId = swv, amountCents = 6_000_000 },
                new { part = "care", funderId = gemeente, amountCents = 3_000_000 },
                new { part = "joint", funderId = swv, amountCents = 500_000 },
                new { part = "joint", funderId = gemeente, amountCents = 500_000 },
            },
        }, HttpStatusCode.Created, ct);
        var id = Id(arrangement);
        await api.CallAsync("propose arrangement", swv, Post, $"/api/funding/arrangements/{id}/proposal", null, HttpStatusCode.OK, ct);
        await api.CallAsync("approve arrangement", swv, Post, $"/api/funding/arrangements/{id}/approval", null, HttpStatusCode.OK, ct);
        await api.CallAsync("approve arrangement", gemeente, Post, $"/api/funding/arrangements/{id}/approval", null, HttpStatusCode.OK, ct);
    }

    /// <summary>Each funder's budget lines for this year (an SWV: education support and basic support; a municipality: youth care and basic support).</summary>
    public async Task BudgetsAsync(CancellationToken ct)
    {
        var year = Today.Year;
        foreach (var swv in _directory.Schools.Select(s => s.Swv).OfType<string>().Distinct())
            foreach (var line in new[] { "education-support", "basic-support" })
                await api.CallAsync("hold budget", swv, Put, $"/api/funding/budgets/{year}/{line}", new { amountCents = 50_000_000_000 }, HttpStatusCode.OK, ct);
        foreach (var gemeente in _directory.Schools.Select(s => _directory.MunicipalityOf(s.Municipality)).Distinct())
            foreach (var line in new[] { "youth-care", "basic-support" })
                await api.CallAsync("hold budget", gemeente, Put, $"/api/funding/budgets/{year}/{line}", new { amountCents = 50_000_000_000 }, HttpStatusCode.OK, ct);
    }

    /// <summary>
    /// A referral by the school, its case id read back, and the consent that opens it with the home municipality as coordinator.
    /// The generator's BSNs are random: one may be a child the benchmark's other steps already referred elsewhere, whose case
    /// the school may not see (the answer says nothing of it, #25). That child is left alone and another drawn, up to three
    /// times (counted as known children).
    /// </summary>
    private async Task<(string CaseId, Child Child)> OpenCaseAsync(SchoolLocation school, Func<Child> newChild, string[] purposes,
        Func<Child, string[]> organisations, string purpose, DateOnly today, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var child = newChild();
            var referral = await api.CallAsync("referral", school.OrganisationId, Post, "/api/intake/referrals", new
            {
                child = child.Body,
                supportNeeds = new[] { new { domain = "social-emotional", description = "Withdraws in class, sleeps badly." } },
                triedSoFar = "Talks with the mentor and the parents.", urgency = "soon",
                parentsView = "We see it at home too.", childsView = "I don't like the breaks.",
            }, HttpStatusCode.Created, ct);
            var read = await api.CallAsync("read referral", school.OrganisationId, Get, $"/api/intake/referrals/{Id(referral)}", null, HttpStatusCode.OK, ct);
            if (read.GetProperty("caseId").GetString() is { } caseId)
            {
                await ConsentAsync(school, child, caseId, purposes, organisations(child), purpose, today, ct);
                return (caseId, child);
            }
            api.KnownChild();
            if (attempt >= 3) throw new StepFailed("read referral", 200, "no case id for the first referrer, three children in a row");
        }
    }

    private async Task ConsentAsync(SchoolLocation school, Child child, string caseId, string[] purposes, string[] organisations, string purpose,
        DateOnly today, CancellationToken ct)
    {
        var gemeente = _directory.MunicipalityOf(child.HomeMunicipality);
        var givenBy = child.ConsentGivenBy(today);
        await api.CallAsync("consent", school.OrganisationId, Post, $"/api/intake/cases/{caseId}/consents", new
        {
            givenBy,
            parentalAuthority = givenBy.Contains("parents") ? new { holders = new[] { "parents" }, verifiedBy = "gezagsregister", verifiedOn = today } : null,
            organisations = organisations.Distinct().ToArray(), purpose, purposes, givenOn = today,
            coordinator = new { organisationId = gemeente, name = Coordinator },
        }, HttpStatusCode.Created, ct);
    }

    /// <summary>The school's school days of the last six weeks up to yesterday, from its own calendar (holidays, public holidays, its days off).</summary>
    private async Task<List<DateOnly>> SchoolDaysAsync(string school, DateOnly today, CancellationToken ct)
    {
        var (from, to) = (today.AddDays(-42), today.AddDays(-1));
        var calendar = await api.CallAsync("school calendar", school, Get, $"/api/attendance/school-calendar?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", null, HttpStatusCode.OK, ct);
        var closed = calendar.GetProperty("daysWithoutSchool").EnumerateArray().Select(d => DateOnly.Parse(d.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var days = new List<DateOnly>();
        for (var day = from; day <= to; day = day.AddDays(1))
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !closed.Contains(day)) days.Add(day);
        return days;
    }

    private sealed record InvitedExpert(string PersonId, string OrganisationId, string Profession);

    /// <summary>
    /// Two persons for a TLV (RULES.md §4): the first an orthopedagoog or psycholoog not working for the school's board, the
    /// second of another discipline, preferably of another organisation.
    /// </summary>
    private (InvitedExpert First, InvitedExpert Second) ExpertsFor(SchoolLocation school)
    {
        string[] firstDisciplines = ["orthopedagoog", "psycholoog"];
        string[] secondDisciplines = ["kinder-en-jeugdpsycholoog", "pedagoog", "kinderpsychiater", "maatschappelijk-werker", "arts"];
        // Neither the school nor the deciding SWV advises; the first expert works neither for the school's board nor for an
        // organisation of that board.
        var eligible = _directory.Experts.Where(e => e.OrganisationId != school.OrganisationId && e.OrganisationId != school.Swv).ToList();
        var first = eligible.FirstOrDefault(e => e.Disciplines.Any(firstDisciplines.Contains) && (school.BoardId is null
                || (e.BoardId != school.BoardId && _directory.Boards.GetValueOrDefault(e.OrganisationId) != school.BoardId)))
            ?? throw new StepFailed("invite expert", 0, "the Directory lists no independent first expert");
        var second = eligible.Where(e => e.PersonId != first.PersonId && e.Disciplines.Any(secondDisciplines.Contains))
            .OrderBy(e => e.OrganisationId == first.OrganisationId).FirstOrDefault()
            ?? throw new StepFailed("invite expert", 0, "the Directory lists no second expert");
        return (new InvitedExpert(first.PersonId, first.OrganisationId, first.Disciplines.First(firstDisciplines.Contains)),
                new InvitedExpert(second.PersonId, second.OrganisationId, second.Disciplines.First(secondDisciplines.Contains)));
    }

    private static string[] Swv(SchoolLocation school) => school.Swv is { } swv ? [swv] : [];

    private static string Id(JsonElement body) => body.GetProperty("id").ToString();
}
