using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Admission to special education through the gateway with the demo clients: the parents consent to a
/// TLV, De Linde requests it, the SWV asks Jeugdhulp Horizon's orthopedagoog and JGZ's doctor, both
/// advise, the SWV grants SBO at Het Kompas; the monitor page shows the SWV's participation go up.
/// </summary>
[Collection(nameof(Quiet))]
public sealed class TlvJourneyTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Swv = "swv-po-maastricht-heuvelland";

    private static async Task<string> ParticipationOnPageAsync(IPage page, string gateway)
    {
        await page.GotoAsync($"{gateway}api/monitoring/dashboard");
        var columns = await page.Locator("table:has(caption:has-text('Per samenwerkingsverband')) thead th").AllInnerTextsAsync();
        var column = columns.ToList().FindIndex(c => c.Contains("Deelname speciaal onderwijs"));
        Assert.True(column > 0, "The SWV table shows participation in special education.");
        return (await page.Locator($"tr[data-area='{Swv}'] > *").Nth(column).InnerTextAsync()).Trim();
    }

    [Fact]
    public async Task A_school_requests_a_TLV_two_experts_advise_the_SWV_decides_and_the_monitor_shows_participation_move()
    {
        var school = await Demo.ClientAsync(platform.Gateway, Demo.School);
        var swv = await Demo.ClientAsync(platform.Gateway, Swv);
        var horizon = await Demo.ClientAsync(platform.Gateway, "jeugdhulp-horizon");
        var jgz = await Demo.ClientAsync(platform.Gateway, "jgz-zuid-limburg");
        var monitor = await Demo.ClientAsync(platform.Gateway, "regio-zuid-limburg");
        var today = Demo.Today.ToString("yyyy-MM-dd");

        var referral = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/intake/referrals", new
        {
            child = new { bsn = Demo.NewBsn(), givenName = "Lotte", familyName = "Habets", dateOfBirth = "2017-05-20", homeMunicipality = "GM0935" },
            supportNeeds = new[] { new { domain = "learning", description = "Two years behind in reading and maths despite an arrangement." } },
            triedSoFar = "Extra support in class for two years, an individual plan, a collective arrangement.",
            urgency = "soon",
        }, Ct), HttpStatusCode.Created);
        var caseId = await Demo.CaseOfReferralAsync(school, referral);
        // The parents consent to support around Lotte and to a TLV application with the SWV and its two experts.
        await Demo.ReadAsync(await school.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents", new
        {
            givenBy = new[] { "parents" }, parentalAuthorityCheckedIn = "gezagsregister",
            organisations = new[] { Demo.School, Demo.Municipality, Swv, "jeugdhulp-horizon", "jgz-zuid-limburg" },
            purpose = "Support at school, and an application for SBO", purposes = new[] { "support", "tlv" }, givenOn = today,
            coordinator = new { organisationId = Demo.Municipality, name = "M. Janssen (wijkteam)" },
        }, Ct), HttpStatusCode.Created);

        var before = (await Demo.IndicatorsAsync(monitor))["special-education-participation"].GetProperty("bySwv").GetProperty(Swv).GetString()!;
        var (playwright, browser) = await Browser.LaunchAsync();
        try
        {
            var page = await (await browser.NewContextAsync(new BrowserNewContextOptions
            {
                ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {monitor.DefaultRequestHeaders.Authorization!.Parameter}" },
            })).NewPageAsync();
            var gateway = platform.Gateway.BaseAddress!.ToString();
            Assert.Equal(before.Replace('.', ','), await ParticipationOnPageAsync(page, gateway));

            // Funding learns of the case and its consent from Intake's events: the request is accepted once they arrived.
            JsonElement tlv = default;
            for (var attempt = 0; attempt < 60; attempt++)
            {
                var response = await school.PostAsJsonAsync("/api/funding/tlvs", new
                {
                    caseId, schoolLocationId = "27DL00", kind = "sbo", receivingLocationId = "27HK00",
                    substantiation = "Two years of extra support and an arrangement; the gap keeps growing and she is anxious in the large group.",
                    parentsView = "We want SBO Het Kompas: a small group close to home.",
                }, Ct);
                if (response.StatusCode == HttpStatusCode.Created) { tlv = await response.Content.ReadFromJsonAsync<JsonElement>(Ct); break; }
                Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
                await Task.Delay(250, Ct);
            }
            Assert.Equal(JsonValueKind.Object, tlv.ValueKind);
            var id = tlv.GetProperty("id").GetGuid();
            Assert.Equal(Swv, tlv.GetProperty("swvId").GetString());

            // No decision without the two advices.
            var decision = new
            {
                outcome = "granted", kind = "sbo", receivingLocationId = "27HK00", validFrom = today, validUntil = Demo.Today.AddYears(1).ToString("yyyy-MM-dd"),
                parentsView = "The parents heard: they agree with Het Kompas.", reasons = "Both experts: her support need exceeds what De Linde can offer.",
            };
            await Demo.ReadAsync(await swv.PostAsJsonAsync($"/api/funding/tlvs/{id}/decision", decision, Ct), HttpStatusCode.Conflict);
            await Demo.ReadAsync(await swv.PostAsJsonAsync($"/api/funding/tlvs/{id}/experts", new { organisationId = "jeugdhulp-horizon", profession = "orthopedagoog" }, Ct), HttpStatusCode.OK);
            await Demo.ReadAsync(await swv.PostAsJsonAsync($"/api/funding/tlvs/{id}/experts", new { organisationId = "jgz-zuid-limburg", profession = "arts" }, Ct), HttpStatusCode.OK);
            // RULES.md §4 (LBT 2017/2019), on the Directory's persons: A. Janssen advises for Horizon but works for Kindante,
            // De Linde's board, so she cannot give the first advice; B. Peters can.
            var own = await Demo.ReadAsync(await horizon.PostAsJsonAsync($"/api/funding/tlvs/{id}/advices", new
            {
                expertName = "Drs. A. Janssen", expertPersonId = "horizon-a-janssen", profession = "orthopedagoog", advice = "favourable", summary = "Needs a small group.", givenOn = today,
            }, Ct), HttpStatusCode.UnprocessableEntity);
            Assert.Contains("RULES.md §4", own.GetProperty("detail").GetString());
            await Demo.ReadAsync(await horizon.PostAsJsonAsync($"/api/funding/tlvs/{id}/advices", new
            {
                expertName = "Drs. B. Peters", expertPersonId = "horizon-b-peters", profession = "orthopedagoog", advice = "favourable", summary = "Needs a small group and a structured day.", givenOn = today,
            }, Ct), HttpStatusCode.Created);
            await Demo.ReadAsync(await jgz.PostAsJsonAsync($"/api/funding/tlvs/{id}/advices", new
            {
                expertName = "Dr. E. Maas", expertPersonId = "jgz-e-maas", profession = "arts", advice = "favourable", summary = "No medical reason against; fatigue in large groups.", givenOn = today,
            }, Ct), HttpStatusCode.Created);
            var decided = await Demo.ReadAsync(await swv.PostAsJsonAsync($"/api/funding/tlvs/{id}/decision", decision, Ct), HttpStatusCode.OK);
            Assert.Equal("granted", decided.GetProperty("status").GetString());
            // Heerlen is not involved: as if it did not exist.
            await Demo.ReadAsync(await (await Demo.ClientAsync(platform.Gateway, "gemeente-heerlen")).GetAsync($"/api/funding/tlvs/{id}", Ct), HttpStatusCode.NotFound);

            // The decision reaches the monitor: once, in its journal. The SWV's participation figure is published
            // for ended periods only, with noise (ADR-0014), so today's decision shows next month, not now.
            await MonitorJournal.UntilAllAsync(platform, "Funding.TlvDecided", "tlvId", [id], System.Diagnostics.Stopwatch.StartNew());
            var after = (await Demo.IndicatorsAsync(monitor))["special-education-participation"].GetProperty("bySwv").GetProperty(Swv).GetString()!;
            Assert.Equal(after.Replace('.', ','), await ParticipationOnPageAsync(page, gateway));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
