using Aspire.Hosting.Testing;
using System.Net;
using System.Net.Http.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The portal in Debian's Chromium, through the gateway: people sign in at Identity (authorization
/// code with PKCE), two funders co-approve an arrangement, a leerplicht officer sees an escalated
/// thuiszitter; every page passes axe-core without serious or critical violations.
/// </summary>
public sealed class PortalTests(PlatformFixture platform, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private string Portal => $"{platform.Gateway.BaseAddress}portal/";

    [Fact]
    public async Task Two_funders_co_approve_an_arrangement_and_a_leerplicht_officer_sees_an_escalated_thuiszitter()
    {
        var swv = await Demo.ClientAsync(platform.Gateway, Demo.Swv);
        var maastricht = await Demo.ClientAsync(platform.Gateway, Demo.Municipality);
        await Demo.FundersHoldBudgetsAsync(swv, maastricht);
        var id = (await Demo.ReadAsync(await swv.PostAsJsonAsync("/api/funding/arrangements", Demo.CollectiveAtDeLinde(places: 5), Ct), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        await Demo.ReadAsync(await swv.PostAsync($"/api/funding/arrangements/{id}/proposal", null, Ct), HttpStatusCode.OK);
        // A child at home for four months: past the three-month limit, so Attendance escalates it to the actietafel.
        var school = await Demo.ClientAsync(platform.Gateway, Demo.School);
        const string familyName = "Portaalkind";
        await Demo.ReadAsync(await school.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = new { bsn = Demo.NewBsn(), givenName = "Fenna", familyName, dateOfBirth = "2014-01-20", homeMunicipality = "GM0935" },
            kind = "long-term-relative", firstAbsentOn = Demo.Today.AddMonths(-4).ToString("yyyy-MM-dd"),
        }, Ct), HttpStatusCode.Created);

        var (playwright, browser) = await Browser.LaunchAsync();
        try
        {
            // The SWV's policy officer on a laptop.
            var anna = await SignInAsync(browser, "anna.smeets", new ViewportSize { Width = 1366, Height = 900 });
            await AccessibleAsync(anna, "home");
            // The monitor through the portal: a running month is the monitor's own 422 (figures only for ended
            // periods, ADR-0014), passed on as it is, not the portal's 500.
            var running = await anna.GotoAsync($"{Portal}monitor?period={Demo.Today:yyyy-MM}");
            Assert.Equal(422, running!.Status);
            Assert.Contains("period", await running.TextAsync());
            await anna.GotoAsync($"{Portal}arrangements");
            await Assertions.Expect(anna.Locator($"a[href='arrangements/{id}']").First).ToBeVisibleAsync();
            // The location by its name, never its id (the benchmark beside this test titles its arrangements with ids: only this row counts).
            var ours = await anna.Locator($"tr:has(a[href='arrangements/{id}'])").First.InnerTextAsync();
            Assert.DoesNotContain("27DL00", ours);
            Assert.Contains("Basisschool De Linde", ours);
            await AccessibleAsync(anna, "arrangements");
            await Shot(anna, "portal-arrangements.png");
            await anna.GotoAsync($"{Portal}arrangements/{id}");
            // Organisations and locations by their names in the Directory, never by their ids.
            await Assertions.Expect(anna.Locator("main")).ToContainTextAsync("Basisschool De Linde");
            var arrangementPage = await anna.Locator("main").InnerTextAsync();
            Assert.DoesNotContain("27DL00", arrangementPage);
            Assert.DoesNotContain("gemeente-maastricht", arrangementPage);
            Assert.DoesNotContain("swv-po-", arrangementPage);
            await AccessibleAsync(anna, "arrangement");
            await Shot(anna, "portal-arrangement-awaiting.png");
            await anna.GetByRole(AriaRole.Button, new() { Name = "Goedkeuren" }).ClickAsync();
            await Assertions.Expect(anna.Locator("p.notice")).ToContainTextAsync("goedkeuring is vastgelegd");
            await Assertions.Expect(anna.Locator("p.lead .status")).ToHaveTextAsync("deels goedgekeurd");

            // The municipality's funder on a tablet, in English.
            var bram = await SignInAsync(browser, "bram.hermans", new ViewportSize { Width = 820, Height = 1180 });
            await bram.GotoAsync($"{Portal}arrangements/{id}?lang=en");
            await Assertions.Expect(bram.Locator("table tbody tr", new() { HasText = "SWV PO Maastricht-Heuvelland" }).First).ToContainTextAsync("approved");
            await AccessibleAsync(bram, "arrangement (en, tablet)");
            await bram.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
            await Assertions.Expect(bram.Locator("p.lead .status")).ToHaveTextAsync("active");
            // Amounts are euros in either language.
            await Assertions.Expect(bram.Locator("tfoot")).ToContainTextAsync("€100,000");
            await Shot(bram, "portal-arrangement-active-tablet.png");

            // Through the API, the same answer: the arrangement is active.
            var active = await Demo.ReadAsync(await maastricht.GetAsync($"/api/funding/arrangements/{id}", Ct), HttpStatusCode.OK);
            Assert.Equal("active", active.GetProperty("status").GetString());

            // The leerplicht officer sees the escalated thuiszitter (escalation runs on Attendance's timer: reload until it shows).
            var carla = await SignInAsync(browser, "carla.willems", new ViewportSize { Width = 1366, Height = 900 });
            var row = carla.Locator("table tbody tr", new() { HasText = familyName });
            for (var attempt = 0; attempt < 30; attempt++)
            {
                await carla.GotoAsync($"{Portal}thuiszitters?lang=nl");
                if (await row.CountAsync() > 0 && (await row.First.InnerTextAsync()).Contains("geëscaleerd", StringComparison.Ordinal)) break;
                await Task.Delay(1000, Ct);
            }
            await Assertions.Expect(row.First).ToContainTextAsync("geëscaleerd");
            await AccessibleAsync(carla, "thuiszitters");
            await Shot(carla, "portal-thuiszitters.png");
            // A leerplicht officer decides no funding and reads no youth-care case: the menu offers neither,
            // and her token has no audience for them (the page answers as for any 403).
            Assert.Equal(0, await carla.Locator("nav a[href='arrangements']").CountAsync());
            Assert.Equal(0, await carla.Locator("nav a[href='cases']").CountAsync());
            await carla.GotoAsync($"{Portal}cases");
            await Assertions.Expect(carla.Locator("h1")).ToHaveTextAsync("Geen toegang");

            // The case coordinator's cases, and the monitor for everyone.
            var dirk = await SignInAsync(browser, "dirk.janssen", new ViewportSize { Width = 1366, Height = 900 });
            await dirk.GotoAsync($"{Portal}cases");
            await Assertions.Expect(dirk.Locator("h1")).ToHaveTextAsync("Casussen");
            await AccessibleAsync(dirk, "cases");
            await Shot(dirk, "portal-cases.png");
            await dirk.GotoAsync($"{Portal}monitor");
            Assert.StartsWith("Regionale monitor", await dirk.TitleAsync());

            // Signing out is a POST with the page's antiforgery token. A GET (a link or an image on another site, which
            // carries the Lax session cookie) does nothing, nor does a POST without the token; the header's button does.
            await dirk.GotoAsync($"{Portal}sign-out");
            await dirk.GotoAsync(Portal);
            await Assertions.Expect(dirk.Locator("h1")).ToContainTextAsync("Welkom");
            var forged = await dirk.APIRequest.PostAsync($"{Portal}sign-out", new() { MaxRedirects = 0 });
            Assert.Equal(400, forged.Status);
            await AccessibleAsync(dirk, "overview with the sign-out form");
            await dirk.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
            await dirk.WaitForURLAsync("**/signed-out**");
            await dirk.GotoAsync(Portal);
            await dirk.WaitForURLAsync("**/account/login**");
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    /// <summary>
    /// #26: a coordinator signs in through their municipality's own identity provider (an OpenID Connect provider the test
    /// starts, connected by the region's office as data; the person registered by the municipality's own administrator),
    /// and does the coordinator's whole job on a case in the portal: the knooppunt with the organisations the parents'
    /// consent names (by name, never by id), its outcome and next step, and the plan with its actions, in Dutch and in
    /// English, each page passing axe-core; Intake records each as it would from the API. Someone the provider knows but
    /// the municipality did not register gets no session.
    /// </summary>
    [Fact]
    public async Task A_coordinator_signs_in_through_the_municipalitys_provider_and_agrees_the_knooppunt_and_plan_in_the_browser()
    {
        var school = await Demo.ClientAsync(platform.Gateway, Demo.School);
        var maastricht = await Demo.ClientAsync(platform.Gateway, Demo.Municipality);
        var referral = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/intake/referrals", new
        {
            child = new { bsn = Demo.NewBsn(), givenName = "Sem", familyName = "Portaalplan", dateOfBirth = "2016-03-02", homeMunicipality = "GM0935" },
            supportNeeds = new[] { new { domain = "social-emotional", description = "Angry outbursts at breaks." } },
            triedSoFar = "A quiet corner and talks with the parents.",
            urgency = "soon",
        }, Ct), HttpStatusCode.Created);
        var caseId = await Demo.CaseOfReferralAsync(school, referral);
        await Demo.ReadAsync(await school.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents", new
        {
            givenBy = new[] { "parents" },
            parentalAuthorityCheckedIn = "gezagsregister",
            organisations = new[] { Demo.School, Demo.Municipality, "jgz-zuid-limburg" },
            purpose = "Coordinated support for Sem at school and at home",
            givenOn = Demo.Today.ToString("yyyy-MM-dd"),
            coordinator = new { organisationId = Demo.Municipality, name = "Dirk Janssen (wijkteam)" },
        }, Ct), HttpStatusCode.Created);

        // The region's office connects Maastricht's identity provider; Maastricht's administrator registers Dirk there.
        var providerId = $"maastricht-idp-{Guid.NewGuid():N}"[..24];
        const string ProviderName = "Gemeente Maastricht (testaanbieder)";
        await using var upstream = await Onboarding.UpstreamIdentityProvider.StartAsync("village-platform", "upstream-test-secret",
            new Uri(platform.Gateway.BaseAddress!, $"account/upstream/{providerId}/callback"));
        var office = await Demo.ClientAsync(platform.Gateway, "regio-zuid-limburg");
        await Demo.ReadAsync(await office.PostAsJsonAsync("/api/identity/providers", new
        {
            id = providerId, displayName = ProviderName, authority = upstream.Authority, clientId = "village-platform",
            clientSecret = "upstream-test-secret", organisationIds = new[] { Demo.Municipality },
        }, Ct), HttpStatusCode.Created);
        var dirkAtMaastricht = $"dirk-{Guid.NewGuid():N}";
        var person = await Demo.ReadAsync(await maastricht.PostAsJsonAsync("/api/identity/people", new
        {
            name = "Dirk Janssen", function = "Casusregisseur wijkteam", roles = new[] { "youth-care" }, providerId, upstreamSubject = dirkAtMaastricht,
        }, Ct), HttpStatusCode.Created);

        var (playwright, browser) = await Browser.LaunchAsync();
        try
        {
            // Known at the provider, not registered by the municipality: told so, and not signed in.
            var stranger = await UpstreamSignInAsync(browser, ProviderName, upstream.Authority, $"stranger-{Guid.NewGuid():N}", expectPortal: false);
            await Assertions.Expect(stranger.Locator("h1")).ToHaveTextAsync("U bent nog niet aangemeld voor dit platform");
            await AccessibleAsync(stranger, "not registered");
            await stranger.Context.CloseAsync();

            var dirk = await UpstreamSignInAsync(browser, ProviderName, upstream.Authority, dirkAtMaastricht, expectPortal: true);
            await Assertions.Expect(dirk.Locator("header")).ToContainTextAsync("Dirk Janssen");
            await dirk.GotoAsync($"{Portal}cases/{caseId}");
            await Assertions.Expect(dirk.Locator("h1")).ToHaveTextAsync("Sem Portaalplan");
            // The knooppunt's participants are the organisations the consent names, by their names.
            await Assertions.Expect(dirk.Locator("#knooppunt-form").GetByLabel("Basisschool De Linde (Maastricht)")).ToBeCheckedAsync();
            await Assertions.Expect(dirk.Locator("#knooppunt-form").GetByLabel("JGZ Zuid-Limburg")).ToBeCheckedAsync();
            await AccessibleAsync(dirk, "case with the knooppunt form");
            await dirk.GetByRole(AriaRole.Button, new() { Name = "Knooppunt plannen" }).ClickAsync();
            await Assertions.Expect(dirk.Locator(".notice")).ToHaveTextAsync("Het knooppunt is gepland.");

            await dirk.FillAsync("#summary", "School adapts the breaks; JGZ looks at sleep.");
            await dirk.FillAsync("#next-step", "A buddy at every break");
            await dirk.SelectOptionAsync("#next-step-owner", Demo.School);
            await AccessibleAsync(dirk, "case with the outcome form");
            await dirk.GetByRole(AriaRole.Button, new() { Name = "Uitkomst vastleggen" }).ClickAsync();
            await Assertions.Expect(dirk.Locator(".notice")).ToHaveTextAsync("De uitkomst van het knooppunt is vastgelegd.");

            await dirk.GotoAsync($"{Portal}cases/{caseId}?lang=en");
            await dirk.FillAsync("#goals", "Sem joins the breaks with a friend\nSleeps through most nights");
            await dirk.SelectOptionAsync("#action-partner-0", "jgz-zuid-limburg");
            await dirk.FillAsync("#action-description-0", "Sleep consultation");
            await dirk.FillAsync("#action-owner-0", "Youth doctor");
            await dirk.FillAsync("#action-due-0", Demo.Today.AddMonths(1).ToString("yyyy-MM-dd"));
            await dirk.FillAsync("#review-on", Demo.Today.AddMonths(3).ToString("yyyy-MM-dd"));
            await AccessibleAsync(dirk, "case with the plan form (English)");
            await dirk.GetByRole(AriaRole.Button, new() { Name = "Record the plan" }).ClickAsync();
            await Assertions.Expect(dirk.Locator(".notice")).ToHaveTextAsync("The plan is recorded.");
            // Names, never ids, in what the person reads.
            var text = await dirk.Locator("main").InnerTextAsync();
            Assert.Contains("JGZ Zuid-Limburg", text);
            Assert.DoesNotContain("jgz-zuid-limburg", text);
            Assert.DoesNotContain(Demo.School, text);
            await Shot(dirk, "portal-case-plan.png");

            // A new consent from the parents (RULES.md §6): the SWV joins, also for an arrangement. The organisations
            // already involved are offered by name and checked; the new one is chosen by name.
            // In Dutch again (the plan was recorded in English, which the portal keeps for the session).
            await dirk.GotoAsync($"{Portal}cases/{caseId}?lang=nl");
            await Assertions.Expect(dirk.Locator("#consent-form").GetByLabel("JGZ Zuid-Limburg")).ToBeCheckedAsync();
            await dirk.SelectOptionAsync("#consent-added-0", Demo.Swv);
            await dirk.CheckAsync("#consent-purpose-1");
            await dirk.FillAsync("#consent-purpose-text", "Support at school, and a place in the school's arrangement if the knooppunt advises it");
            await AccessibleAsync(dirk, "case with the consent form");
            await dirk.GetByRole(AriaRole.Button, new() { Name = "Toestemming vastleggen" }).ClickAsync();
            await Assertions.Expect(dirk.Locator(".notice")).ToHaveTextAsync("De toestemming is vastgelegd.");
            await Assertions.Expect(dirk.Locator("main")).ToContainTextAsync("SWV PO Maastricht-Heuvelland");

            // The office disconnects the provider (a compromised one, say): Dirk's session ends at his next page, as the
            // portal's renewal and Identity's own session both check the provider again; the sign-in page no longer offers it.
            await Demo.ReadAsync(await office.PostAsync($"/api/identity/providers/{providerId}/disable", null, Ct), HttpStatusCode.OK);
            await dirk.GotoAsync(Portal);
            await dirk.WaitForURLAsync("**/account/login**");
            await Assertions.Expect(dirk.GetByRole(AriaRole.Button, new() { Name = ProviderName })).ToHaveCountAsync(0);
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }

        // The key that protected Dirk's session and forms is in the portal's database, which every replica reads (#26),
        // and nothing else of his is: the portal keeps no data of the people it serves.
        await using (var portalDb = new Npgsql.NpgsqlConnection(await platform.ConnectionStringAsync(Platform.ServiceDefaults.ResourceNames.PortalDb)))
        {
            await portalDb.OpenAsync(Ct);
            await using var keys = new Npgsql.NpgsqlCommand("SELECT count(*) FROM portal.data_protection_keys", portalDb);
            Assert.True((long)(await keys.ExecuteScalarAsync(Ct))! >= 1, "No data-protection key in portaldb.");
            await using var tables = new Npgsql.NpgsqlCommand(
                "SELECT string_agg(schemaname || '.' || relname, ',' ORDER BY relname) FROM pg_stat_user_tables WHERE relname <> '__EFMigrationsHistory'", portalDb);
            Assert.Equal("portal.data_protection_keys", await tables.ExecuteScalarAsync(Ct));
        }

        var recorded = await Demo.ReadAsync(await maastricht.GetAsync($"/api/intake/cases/{caseId}", Ct), HttpStatusCode.OK);
        Assert.Equal("plan-agreed", recorded.GetProperty("summary").GetProperty("status").GetString());
        var knooppunt = Assert.Single(recorded.GetProperty("knooppunten").EnumerateArray());
        Assert.Equal(new[] { Demo.School, Demo.Municipality, "jgz-zuid-limburg" }.Order(), knooppunt.GetProperty("participants").EnumerateArray().Select(p => p.GetString()!).Order());
        Assert.Equal(Demo.School, knooppunt.GetProperty("nextStep").GetProperty("ownerOrganisationId").GetString());
        var plan = recorded.GetProperty("currentPlan");
        Assert.Equal(2, plan.GetProperty("goals").GetArrayLength());
        var action = Assert.Single(plan.GetProperty("actions").EnumerateArray());
        Assert.Equal("jgz-zuid-limburg", action.GetProperty("partnerOrganisationId").GetString());
        var consents = recorded.GetProperty("consents").EnumerateArray().ToList();
        Assert.Equal(2, consents.Count);
        var widened = consents.Single(c => c.GetProperty("organisations").EnumerateArray().Any(o => o.GetString() == Demo.Swv));
        Assert.Equal(new[] { "arrangement", "support" }, widened.GetProperty("purposes").EnumerateArray().Select(p => p.GetString()!).Order());
        // The access log names the federated person as who acted for the municipality, by the platform's id, never the provider's.
        Assert.StartsWith("p-", person.GetProperty("id").GetString());
    }

    /// <summary>
    /// A person signs in at their organisation's identity provider: the portal sends them to Identity's sign-in page, they
    /// choose their organisation, give their user name at the provider, and land back in the portal (or, when their
    /// organisation has not registered them, on Identity's page saying so). The sign-in page passes axe-core.
    /// </summary>
    private Task<IPage> UpstreamSignInAsync(IBrowser browser, string provider, string authority, string username, bool expectPortal) =>
        SignInOnceMoreOnStallAsync(browser, $"{username} through {provider}", new ViewportSize { Width = 1366, Height = 900 }, async page =>
        {
            await page.GotoAsync(Portal);
            await page.WaitForURLAsync("**/account/login**");
            await AccessibleAsync(page, "sign-in page with the organisations' providers");
            await page.GetByRole(AriaRole.Button, new() { Name = provider }).ClickAsync();
            // The provider's own page (not Identity's /account/login, which a looser pattern would match before the click lands).
            await page.WaitForURLAsync(url => url.StartsWith($"{authority.TrimEnd('/')}/login?", StringComparison.Ordinal));
            await page.FillAsync("#username", username);
            await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen bij de gemeente" }).ClickAsync();
            if (expectPortal)
            {
                await page.WaitForURLAsync($"{Portal}**");
                await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Welkom");
            }
            else
            {
                await page.WaitForURLAsync("**/account/not-known**");
            }
        });

    /// <summary>
    /// #26: the privacy officer answers a parent's inspection request (AVG art. 15) in the portal: the child's BSN in a
    /// form (never in a URL), a report in plain Dutch of who used the child's data, when, what and why, printable; an
    /// invalid BSN is refused with the field named. In Dutch and English, each passing axe-core.
    /// </summary>
    [Fact]
    public async Task The_privacy_officer_answers_a_parents_inspection_request_with_a_report_in_plain_language()
    {
        var bsn = Demo.NewBsn();
        var school = await Demo.ClientAsync(platform.Gateway, Demo.School);
        await Demo.ReadAsync(await school.PostAsJsonAsync("/api/intake/referrals", new
        {
            child = new { bsn, givenName = "Lotte", familyName = "Inzage", dateOfBirth = "2015-05-05", homeMunicipality = "GM0935" },
            supportNeeds = new[] { new { domain = "learning", description = "Reading lags two years behind." } },
            triedSoFar = "Extra reading time.",
            urgency = "regular",
        }, Ct), HttpStatusCode.Created);
        // The referral's access-log line reaches Audit through Intake's outbox and the broker.
        var officer = await Demo.ClientAsync(platform.Gateway, "fg-zuid-limburg");
        await Platform.TestInfrastructure.Eventually.TrueAsync(async () =>
        {
            using var report = await officer.PostAsJsonAsync("/api/audit/access-reports", new { bsn }, Ct);
            return report.IsSuccessStatusCode && (await report.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("accesses").GetInt32() > 0;
        }, "the referral's line in the access log", ct: Ct);

        var (playwright, browser) = await Browser.LaunchAsync();
        try
        {
            var femke = await SignInAsync(browser, "femke.gerrits", new ViewportSize { Width = 1366, Height = 900 });
            await femke.GotoAsync($"{Portal}privacy");
            await Assertions.Expect(femke.Locator("h1")).ToHaveTextAsync("Inzageverzoek (AVG artikel 15)");
            await AccessibleAsync(femke, "access request form");
            await femke.FillAsync("#bsn", "123456789");
            await femke.GetByRole(AriaRole.Button, new() { Name = "Rapport maken" }).ClickAsync();
            await Assertions.Expect(femke.Locator(".error")).ToContainTextAsync("BSN");

            await femke.FillAsync("#bsn", bsn);
            await femke.GetByRole(AriaRole.Button, new() { Name = "Rapport maken" }).ClickAsync();
            var report = femke.Locator(".access-report");
            await Assertions.Expect(report).ToContainTextAsync("Basisschool De Linde (Maastricht)");
            await Assertions.Expect(report).ToContainTextAsync("heeft de aanmelding vastgelegd");
            await Assertions.Expect(report).ToContainTextAsync($"eindigend op {bsn[^3..]}");
            Assert.DoesNotContain(bsn, femke.Url);
            Assert.DoesNotContain(bsn, await report.InnerTextAsync());
            await AccessibleAsync(femke, "access report");
            await Shot(femke, "portal-access-report.png");

            await femke.GotoAsync($"{Portal}privacy?lang=en");
            await femke.FillAsync("#bsn", bsn);
            await femke.GetByRole(AriaRole.Button, new() { Name = "Make the report" }).ClickAsync();
            await Assertions.Expect(femke.Locator(".access-report")).ToContainTextAsync("recorded the referral");
            await AccessibleAsync(femke, "access report (English)");
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    /// <summary>
    /// #26: a school submits a referral in the portal and follows it on the case page. An invalid BSN is refused with
    /// the field named and nothing is stored; the BSN never appears in an address. In Dutch and English, with axe-core.
    /// </summary>
    [Fact]
    public async Task A_school_refers_a_child_in_the_portal_and_follows_the_case()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        try
        {
            var eva = await SignInAsync(browser, "eva.coenen", new ViewportSize { Width = 1366, Height = 900 });
            await eva.GotoAsync($"{Portal}cases");
            await eva.GetByRole(AriaRole.Link, new() { Name = "Een kind aanmelden" }).ClickAsync();
            await Assertions.Expect(eva.Locator("h1")).ToHaveTextAsync("Een kind aanmelden");
            await AccessibleAsync(eva, "referral form");
            await Assertions.Expect(eva.Locator("#home-municipality option[value='GM0935']")).ToHaveTextAsync("Maastricht");

            async Task FillAsync(string bsn)
            {
                await eva.FillAsync("#bsn", bsn);
                await eva.FillAsync("#given-name", "Noor");
                await eva.FillAsync("#family-name", "Portaalaanmelding");
                await eva.FillAsync("#date-of-birth", "2017-04-11");
                await eva.SelectOptionAsync("#home-municipality", "GM0935");
                await eva.SelectOptionAsync("#need-domain-0", "learning");
                await eva.FillAsync("#need-description-0", "Reading lags behind; she avoids reading aloud.");
                await eva.FillAsync("#tried", "Extra reading time with the teacher.");
                await eva.SelectOptionAsync("#urgency", "soon");
            }
            await FillAsync("123456789"); // fails the 11-proof
            await eva.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
            await Assertions.Expect(eva.Locator(".error")).ToContainTextAsync("BSN");
            // The refused form comes back as it was filled in: only the BSN needs correcting.
            await Assertions.Expect(eva.Locator("#given-name")).ToHaveValueAsync("Noor");
            await Assertions.Expect(eva.Locator("#need-description-0")).ToHaveValueAsync("Reading lags behind; she avoids reading aloud.");

            var bsn = Demo.NewBsn();
            await eva.FillAsync("#bsn", bsn);
            await eva.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
            // One landing for every referral (#25): the list, where the case appears.
            await Assertions.Expect(eva.Locator(".notice")).ToContainTextAsync("De aanmelding is verstuurd");
            Assert.DoesNotContain(bsn, eva.Url);
            await AccessibleAsync(eva, "the cases after the referral");

            await eva.GotoAsync($"{Portal}referrals/new?lang=en");
            await Assertions.Expect(eva.Locator("h1")).ToHaveTextAsync("Refer a child");
            await AccessibleAsync(eva, "referral form (English)");
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    /// <summary>
    /// #26: the leerplicht officer picks up a school's absence report and closes it with what was done, in the portal
    /// (one form for the worklist, post-redirect-get), registers absoluut verzuim and its suitable offer, and records a
    /// 5 sub a exemption; Attendance records each as from the API. With axe-core.
    /// </summary>
    [Fact]
    public async Task A_leerplicht_officer_handles_an_absence_report_registers_a_thuiszitter_records_the_offer_and_an_exemption_in_the_browser()
    {
        var school = await Demo.ClientAsync(platform.Gateway, Demo.School);
        var report = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = new { bsn = Demo.NewBsn(), givenName = "Sanne", familyName = "Verzuimportaal", dateOfBirth = "2013-08-30", homeMunicipality = "GM0935" },
            kind = "other", firstAbsentOn = Demo.Today.AddDays(-10).ToString("yyyy-MM-dd"), lastAbsentOn = Demo.Today.AddDays(-1).ToString("yyyy-MM-dd"), hours = 8,
        }, Ct), HttpStatusCode.Created);
        var id = report.GetProperty("id").GetGuid();
        string? thuiszitter = null;

        var (playwright, browser) = await Browser.LaunchAsync();
        try
        {
            var carla = await SignInAsync(browser, "carla.willems", new ViewportSize { Width = 1366, Height = 900 });
            await carla.GotoAsync($"{Portal}absence-reports");
            await Assertions.Expect(carla.Locator("h1")).ToHaveTextAsync("Verzuimmeldingen");
            await AccessibleAsync(carla, "absence reports");
            await carla.GetByRole(AriaRole.Button, new() { Name = "Oppakken Sanne Verzuimportaal" }).ClickAsync();
            await Assertions.Expect(carla.Locator(".notice")).ToHaveTextAsync("De melding is opgepakt.");
            await carla.FillAsync($"#note-{id}", "Talked with the parents; she is back at school.");
            await carla.GetByRole(AriaRole.Button, new() { Name = "Afsluiten Sanne Verzuimportaal" }).ClickAsync();
            await Assertions.Expect(carla.Locator(".notice")).ToHaveTextAsync("De melding is afgesloten.");
            await AccessibleAsync(carla, "absence reports after closing");

            // Absoluut verzuim: a child of Maastricht enrolled nowhere, registered in the form (her municipality is taken
            // from her organisation), then the suitable offer that stops the deadlines (RULES.md §2).
            await carla.GotoAsync($"{Portal}thuiszitters");
            await carla.FillAsync("#bsn", Demo.NewBsn());
            await carla.FillAsync("#given-name", "Milan");
            await carla.FillAsync("#family-name", "Nergensingeschreven");
            await carla.FillAsync("#date-of-birth", "2012-02-14");
            await carla.FillAsync("#at-home-since", Demo.Today.AddDays(-20).ToString("yyyy-MM-dd"));
            await AccessibleAsync(carla, "thuiszitters with the registration form");
            await carla.GetByRole(AriaRole.Button, new() { Name = "Registreren" }).ClickAsync();
            await Assertions.Expect(carla.Locator(".notice")).ToContainTextAsync("De thuiszitter is geregistreerd");
            await Assertions.Expect(carla.Locator("h1")).ToHaveTextAsync("Milan Nergensingeschreven");
            thuiszitter = new Uri(carla.Url).AbsolutePath.Split('/')[^1];
            await carla.SelectOptionAsync("#offer-kind", "education");
            await carla.FillAsync("#offer-description", "A place at SBO De Wissel, with a start in small steps.");
            await carla.FillAsync("#offer-starts", Demo.Today.AddDays(7).ToString("yyyy-MM-dd"));
            await AccessibleAsync(carla, "thuiszitter with the offer form");
            await carla.GetByRole(AriaRole.Button, new() { Name = "Aanbod vastleggen" }).ClickAsync();
            await Assertions.Expect(carla.Locator(".notice")).ToHaveTextAsync("Het passend aanbod is vastgelegd.");

            // An exemption under 5 sub a (RULES.md §3): a statement from the child's own treating professional is refused,
            // the field named in the form's words and the form kept; from someone else, with the SWV's advice, recorded.
            await carla.GotoAsync($"{Portal}thuiszitters");
            await carla.GetByRole(AriaRole.Link, new() { Name = "Een vrijstelling vastleggen" }).ClickAsync();
            await Assertions.Expect(carla.Locator("h1")).ToHaveTextAsync("Vrijstelling vastleggen");
            await carla.FillAsync("#bsn", Demo.NewBsn());
            await carla.FillAsync("#given-name", "Fenna");
            await carla.FillAsync("#family-name", "Vrijgesteld");
            await carla.FillAsync("#date-of-birth", "2014-06-01");
            await carla.SelectOptionAsync("#article", "5a");
            await carla.FillAsync("#starts-on", Demo.Today.ToString("yyyy-MM-dd"));
            await carla.SelectOptionAsync("#profession", "psycholoog");
            await carla.FillAsync("#issued-by", "Drs. J. de Wit");
            await carla.FillAsync("#issued-on", Demo.Today.AddDays(-10).ToString("yyyy-MM-dd"));
            await carla.SelectOptionAsync("#treating", "true");
            await carla.SelectOptionAsync("#swv", Demo.Swv);
            await carla.FillAsync("#advised-on", Demo.Today.AddDays(-3).ToString("yyyy-MM-dd"));
            await carla.FillAsync("#advice", "Agrees: no school can meet her needs this year.");
            await AccessibleAsync(carla, "exemption form");
            await carla.GetByRole(AriaRole.Button, new() { Name = "Vrijstelling vastleggen" }).ClickAsync();
            await Assertions.Expect(carla.Locator(".error")).ToContainTextAsync("Behandelt de ondertekenaar het kind zelf?");
            await Assertions.Expect(carla.Locator("#issued-by")).ToHaveValueAsync("Drs. J. de Wit");
            await carla.SelectOptionAsync("#treating", "false");
            await carla.GetByRole(AriaRole.Button, new() { Name = "Vrijstelling vastleggen" }).ClickAsync();
            await Assertions.Expect(carla.Locator(".notice")).ToHaveTextAsync("De vrijstelling is vastgelegd.");
            await Assertions.Expect(carla.Locator("table").Last).ToContainTextAsync("Fenna Vrijgesteld");
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }

        var maastricht = await Demo.ClientAsync(platform.Gateway, Demo.Municipality);
        var closed = await Demo.ReadAsync(await maastricht.GetAsync($"/api/attendance/absence-reports/{id}", Ct), HttpStatusCode.OK);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        var registered = await Demo.ReadAsync(await maastricht.GetAsync($"/api/attendance/thuiszitters/{thuiszitter}", Ct), HttpStatusCode.OK);
        Assert.Equal("absolute", registered.GetProperty("kind").GetString());
        Assert.Equal("suitable-offer", registered.GetProperty("stage").GetString());
        Assert.Equal("education", registered.GetProperty("offer").GetProperty("kind").GetString());
        var exemptions = await Demo.AllItemsAsync(maastricht, "/api/attendance/exemptions");
        var exemption = Assert.Single(exemptions, e => e.GetProperty("child").GetProperty("familyName").GetString() == "Vrijgesteld");
        Assert.Equal("5a", exemption.GetProperty("article").GetString());
        Assert.False(exemption.GetProperty("statement").GetProperty("treatingProfessional").GetBoolean());
    }

    [Fact]
    public async Task A_session_renews_its_access_token_with_its_refresh_token_and_carries_on()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        try
        {
            // The platform fixture has the portal renew on every request (Portal:RenewBefore = the token's lifetime).
            var page = await SignInAsync(browser, "carla.willems", new ViewportSize { Width = 1366, Height = 900 });
            await page.GotoAsync($"{Portal}thuiszitters");
            await page.GotoAsync(Portal);
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Welkom");

            // Each renewal redeemed the session's refresh token at Identity (one use each) for a new one.
            await using var identity = new Npgsql.NpgsqlConnection(await platform.App.GetConnectionStringAsync(Platform.ServiceDefaults.ResourceNames.IdentityDb, Ct));
            await identity.OpenAsync(Ct);
            await using var count = new Npgsql.NpgsqlCommand(
                "SELECT count(*) FROM identity.\"OpenIddictTokens\" t JOIN identity.\"OpenIddictApplications\" a ON a.id = t.application_id " +
                "WHERE a.client_id = 'portal' AND t.type = 'urn:ietf:params:oauth:token-type:refresh_token' AND t.status = 'redeemed' AND t.subject = 'carla.willems'", identity);
            Assert.True((long)(await count.ExecuteScalarAsync(Ct))! >= 2, "The portal's pages did not renew the session's token with its refresh token.");
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_the_portal_stays_closed()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        try
        {
            var page = await (await browser.NewContextAsync()).NewPageAsync();
            await page.GotoAsync(Portal);
            Assert.Contains("/account/login", page.Url);
            await AccessibleAsync(page, "sign-in");
            await page.SelectOptionAsync("#user", "anna.smeets");
            await page.FillAsync("#password", "not-the-password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
            await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("klopt niet");
            using var anonymous = await platform.Gateway.GetAsync("/portal/arrangements", Ct);
            // Without a session every page leads to Identity's sign-in, nothing of the portal's content.
            Assert.Equal("/account/login", anonymous.RequestMessage!.RequestUri!.AbsolutePath);
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    private Task<IPage> SignInAsync(IBrowser browser, string user, ViewportSize viewport) =>
        SignInOnceMoreOnStallAsync(browser, user, viewport, async page =>
        {
            await page.GotoAsync(Portal);
            await page.WaitForURLAsync("**/account/login**");
            await page.SelectOptionAsync("#user", user);
            await page.FillAsync("#password", "village");
            await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
            await page.WaitForURLAsync($"{Portal}**");
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Welkom");
        });

    /// <summary>
    /// A sign-in in a fresh browser context. Three times in ten CI runs a demo sign-in stalled on a loaded machine (twice the
    /// portal's redirect to the sign-in page did not come, once the way back after the form), and a CI run's first sign-in
    /// through a provider got the gateway's 503 while Identity made its first challenge. Each stall is recorded (every
    /// address the browser went through, what it showed) and the sign-in done once more from the start, as a person would;
    /// a second stall fails the test with both records.
    /// </summary>
    private async Task<IPage> SignInOnceMoreOnStallAsync(IBrowser browser, string who, ViewportSize viewport, Func<IPage, Task> signIn)
    {
        var misses = new List<string>();
        for (var attempt = 1; ; attempt++)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport, Locale = "nl-NL" });
            // A bound on liveness, not a timing: a sign-in crosses the portal, the gateway and Identity twice.
            context.SetDefaultTimeout(45_000);
            context.SetDefaultNavigationTimeout(45_000);
            var page = await context.NewPageAsync();
            var visited = new List<string>();
            page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) visited.Add($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {frame.Url}"); };
            page.Response += (_, response) => { if (response.Status >= 300) visited.Add($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {response.Status} {response.Request.Method} {response.Url}"); };
            try
            {
                await signIn(page);
                context.SetDefaultTimeout(90_000);
                context.SetDefaultNavigationTimeout(90_000);
                return page;
            }
            catch (TimeoutException ex)
            {
                var body = await page.ContentAsync();
                var miss = $"{DateTimeOffset.UtcNow:O} sign-in of {who}, attempt {attempt}, stalled at {page.Url} ({ex.Message.Split('\n')[0]}); "
                           + $"the browser went through: {string.Join(" | ", visited)}; it shows: {body[..Math.Min(body.Length, 600)]}";
                output.WriteLine(miss);
                misses.Add(miss);
                // Kept where a passing run leaves it too (TestResults/, beside the platform's logs; test.sh prints it).
                await File.AppendAllTextAsync(Path.Combine(RepositoryPaths.Root(), "TestResults", "portal-sign-in-misses.log"), miss + Environment.NewLine);
                await context.CloseAsync();
                if (attempt == 2) throw new TimeoutException(string.Join(Environment.NewLine, misses), ex);
            }
        }
    }

    /// <summary>WCAG 2.1 A/AA rules of axe-core: no serious or critical violation.</summary>
    private async Task AccessibleAsync(IPage page, string what)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        foreach (var v in result.Violations) output.WriteLine($"{what}: {v.Impact} {v.Id}: {v.Help} ({v.Nodes.Length} nodes)");
        Assert.True(serious.Count == 0, $"{what}: " + string.Join("; ", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }

    private static async Task Shot(IPage page, string name)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Browser.ScreenshotPath(name))!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath(name), FullPage = true });
    }
}
