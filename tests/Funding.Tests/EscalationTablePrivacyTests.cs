using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Intake;
using Platform.TestInfrastructure;

namespace Platform.Funding.Tests;

/// <summary>
/// #25 point 6, Funding: the escalation table (escalatietafel) decides a funding dispute on the arrangement, its costs and
/// its shares; it never gets a BSN or a name (RULES.md §6: the BSN only where the law gives it; Funding holds none), and the
/// child's pseudonymous reference and case only under a consent naming the table for 'arrangement'.
/// </summary>
public sealed class EscalationTablePrivacyTests(TestServersFixture fixture) : FundingTestBase(fixture)
{
    private static readonly string[] Identifying = ["bsn", "givenName", "familyName", "dateOfBirth", "name"];

    [Fact]
    public async Task The_table_sees_an_escalated_individual_arrangement_without_BSN_or_name_and_its_child_only_by_reference_under_consent_RULES_6()
    {
        await FundBothAsync();
        var request = new ArrangementRequested(Guid.NewGuid(), Guid.NewGuid(), "cr1-table", GemeenteCode, "individual", ["home-situation"], false, Clock.GetUtcNow(), School);
        await PublishAndWaitAsync(request, db => db.Arrangements.AnyAsync(a => a.RequestId == request.RequestId));
        var id = (await InDbAsync(db => db.Arrangements.SingleAsync(a => a.RequestId == request.RequestId, Ct))).Id;
        await ReadAsync(await AsGemeente.PutAsJsonAsync($"/api/funding/arrangements/{id}", new
        {
            kind = "individual", title = "Ambulante begeleiding thuis", locationId = SchoolLocation, targetGroup = "One child",
            supportDomains = new[] { "home-situation" }, places = 1, startsOn = "2026-12-01", endsOn = "2027-05-31",
            costs = new { educationCents = 0L, careCents = 850_000L, jointCents = 0L },
            shares = new[] { new { part = "care", funderId = Gemeente, amountCents = 850_000L } },
        }, Ct), HttpStatusCode.OK);
        await ReadAsync(await PostAsync(AsGemeente, id, "proposal"), HttpStatusCode.OK);
        await ReadAsync(await PostAsync(AsGemeente, id, "rejection", new { reason = "Education support, the SWV's to fund." }), HttpStatusCode.OK);

        async Task<List<JsonElement>> TableAnswersAsync() =>
        [
            await GetAsync(AsTable, id),
            Assert.Single(await ListPages.FirstAsync(AsTable, "/api/funding/arrangements?awaiting=true", Ct), a => a.GetProperty("id").GetGuid() == id),
        ];
        var unconsented = await TableAnswersAsync();
        foreach (var answer in unconsented)
        {
            Assert.Equal("escalated", answer.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, answer.GetProperty("childReference").ValueKind);
            Assert.Equal(JsonValueKind.Null, answer.GetProperty("caseId").ValueKind);
            AssertNothingIdentifying(answer);
        }

        // A consent naming the table for 'arrangement': the pseudonymous reference and the case, still no BSN or name.
        var consent = new ConsentGranted(Guid.NewGuid(), request.CaseId, "cr1-table", [Gemeente, Table], "The dispute at the table", ["parents"], null,
            Clock.GetUtcNow(), ["arrangement"]);
        await PublishAndWaitAsync(consent, db => db.Set<Platform.ConsentReplica.ConsentCopy>().AnyAsync(c => c.ConsentId == consent.ConsentId));
        foreach (var answer in await TableAnswersAsync())
        {
            Assert.Equal("cr1-table", answer.GetProperty("childReference").GetString());
            AssertNothingIdentifying(answer);
        }
        var decided = await ReadAsync(await PostAsync(AsTable, id, "decision", new { outcome = "refuse", reason = "Not this arrangement: ask the SWV." }), HttpStatusCode.OK);
        AssertNothingIdentifying(decided);
    }

    private static void AssertNothingIdentifying(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Assert.DoesNotContain(property.Name, Identifying);
                    AssertNothingIdentifying(property.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) AssertNothingIdentifying(item);
                break;
            case JsonValueKind.String:
                Assert.DoesNotMatch(@"^\d{9}$", element.GetString()!); // nothing shaped like a BSN
                break;
        }
    }
}
