using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Attendance.Infrastructure;
using Platform.ChildLinks;
using Platform.Contracts.Children;
using Platform.Messaging.Outbox;
using Platform.Privacy;
using Platform.TestInfrastructure;

namespace Platform.Attendance.Tests.Apis;

/// <summary>
/// #23 point 4 (ADR-0015): a child without BSN (newly arrived, most at risk of absolute absence, RULES.md §1, §2) goes
/// through Attendance by DUO's onderwijsnummer (RULES.md §6: pupils without a BSN get one) or by a platform child id;
/// linking it to its BSN later joins its records (one child, one case, one history).
/// </summary>
public sealed class ChildrenWithoutBsnTests(TestServersFixture fixture) : ServiceTestBase<Program, AttendanceDbContext>(fixture)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    protected override ServiceSetup Setup => new() { Clock = _clock };
    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    private HttpClient School => As("school-a", "school");
    private HttpClient OtherSchool => As("school-b", "school");
    private HttpClient Maastricht => As("gemeente-maastricht", "municipality", "GM0935");

    internal static string NewBsn()
    {
        while (true)
        {
            var digits = Random.Shared.Next(100_000_000, 999_999_999).ToString();
            if (Bsn.TryParse(digits, out _)) return digits;
        }
    }

    /// <summary>An onderwijsnummer: 10, six digits, and the check digit that leaves remainder 5 (RULES.md §6, DUO).</summary>
    internal static string NewOnderwijsnummer()
    {
        while (true)
        {
            var digits = "10" + Random.Shared.Next(0, 1_000_000).ToString("D6");
            var sum = 0;
            for (var i = 0; i < 8; i++) sum += (9 - i) * (digits[i] - '0');
            var check = ((sum - 5) % 11 + 11) % 11;
            if (check < 10) return digits + check;
        }
    }

    private static object Child(string? bsn = null, string? onderwijsnummer = null, string? platformChildId = null) =>
        new { bsn, onderwijsnummer, platformChildId, givenName = "Amir", familyName = "Haddad", dateOfBirth = "2013-05-05", homeMunicipality = "GM0935" };

    private async Task<JsonElement> ReportLongAbsenceAsync(object child, HttpClient? school = null) =>
        await ReadAsync(await (school ?? School).PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child, kind = "long-term-relative", firstAbsentOn = Today.AddDays(-35).ToString("yyyy-MM-dd"),
        }, Ct), HttpStatusCode.Created);

    private async Task<string> IssueAsync(HttpClient? client = null) =>
        (await ReadAsync(await (client ?? School).PostAsync("/api/attendance/children", null, Ct), HttpStatusCode.OK)).GetProperty("platformChildId").GetString()!;

    private Task<HttpResponseMessage> LinkAsync(HttpClient client, object body) => client.PostAsJsonAsync("/api/attendance/child-links", body, Ct);

    private ChildReferences References => Service.Services.GetRequiredService<ChildReferences>();

    [Fact]
    public async Task A_child_with_an_onderwijsnummer_is_reported_and_becomes_a_thuiszitter_case_RULES_1_2_6()
    {
        var number = NewOnderwijsnummer();
        var report = await ReportLongAbsenceAsync(Child(onderwijsnummer: number));

        Assert.Equal(JsonValueKind.Null, report.GetProperty("child").GetProperty("bsn").ValueKind);
        Assert.Equal(number, report.GetProperty("child").GetProperty("onderwijsnummer").GetString());
        var caseId = report.GetProperty("thuiszitterCaseId").GetGuid();
        var seen = await Maastricht.GetFromJsonAsync<JsonElement>($"/api/attendance/thuiszitters/{caseId}", Ct);
        Assert.Equal("open", seen.GetProperty("status").GetString());
        Assert.Equal(number, seen.GetProperty("child").GetProperty("onderwijsnummer").GetString());
        // The reference is the keyed hash of kind and number: never the number, never a BSN's reference (ADR-0015).
        var reference = await InDbAsync(db => db.Thuiszitters.Where(c => c.Id == caseId).Select(c => c.ChildReference).FirstAsync(Ct));
        Assert.Equal(References.For(new ChildIdentifier(ChildIdentifierKind.Onderwijsnummer, number)), reference);
        var outbox = await InDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().ToListAsync(Ct));
        Assert.DoesNotContain(outbox, m => m.Body.Contains(number));
        // The escalation table sees neither number (minimum data per role, RULES.md §6).
        var table = await As("escalatietafel", "escalation-table").GetAsync($"/api/attendance/thuiszitters/{caseId}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, table.StatusCode);
    }

    [Fact]
    public async Task A_child_with_neither_gets_a_platform_child_id_and_goes_through_the_same_flow_RULES_2_6()
    {
        var id = await IssueAsync(Maastricht);
        Assert.StartsWith(ChildReferences.PlatformChildIdPrefix, id);
        var report = await ReportLongAbsenceAsync(Child(platformChildId: id));
        Assert.Equal(id, report.GetProperty("child").GetProperty("platformChildId").GetString());
        var caseId = report.GetProperty("thuiszitterCaseId").GetGuid();

        // The same id again is the same child: its case is joined, not a second one opened (one child, one case).
        var again = await ReportLongAbsenceAsync(Child(platformChildId: id), OtherSchool);
        Assert.Equal(caseId, again.GetProperty("thuiszitterCaseId").GetGuid());
        Assert.Equal(1, await InDbAsync(db => db.Thuiszitters.CountAsync(c => c.Child.PlatformChildId == id, Ct)));
        // An SWV may not register children by number (RULES.md §6, §4): no id for it.
        Assert.Equal(HttpStatusCode.Forbidden, (await As("swv-po-maastricht", "swv").PostAsync("/api/attendance/children", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Exactly_one_identifier_of_the_right_format_is_taken_and_a_refusal_names_the_field_ADR_0015()
    {
        async Task<JsonElement> Refused(object child) => (await ReadAsync(
            await School.PostAsJsonAsync("/api/attendance/absence-reports", new { child, kind = "long-term-relative", firstAbsentOn = Today.AddDays(-35).ToString("yyyy-MM-dd") }, Ct),
            HttpStatusCode.BadRequest)).GetProperty("errors");

        var none = await Refused(Child());
        Assert.True(none.TryGetProperty("child.bsn", out _) && none.TryGetProperty("child.onderwijsnummer", out _) && none.TryGetProperty("child.platformChildId", out _));
        var two = await Refused(Child(bsn: NewBsn(), onderwijsnummer: NewOnderwijsnummer()));
        Assert.True(two.TryGetProperty("child.bsn", out _) && two.TryGetProperty("child.onderwijsnummer", out _));
        // A BSN is not an onderwijsnummer (its 11-proof leaves 0, not 5), and a wrong check digit is refused.
        Assert.True((await Refused(Child(onderwijsnummer: NewBsn()))).TryGetProperty("child.onderwijsnummer", out _));
        var number = NewOnderwijsnummer();
        Assert.True((await Refused(Child(onderwijsnummer: number[..8] + (char)('0' + (number[8] - '0' + 1) % 10)))).TryGetProperty("child.onderwijsnummer", out _));
        // A made-up platform child id, however well formed, is refused: only issued ids verify.
        var issued = await IssueAsync();
        var forged = issued[..^1] + (issued[^1] == '0' ? '1' : '0');
        Assert.True((await Refused(Child(platformChildId: forged))).TryGetProperty("child.platformChildId", out _));
        Assert.Equal(0, await InDbAsync(db => db.AbsenceReports.CountAsync(Ct)));
    }

    [Fact]
    public async Task Linking_the_BSN_later_joins_the_records_one_child_one_case_ADR_0015_RULES_2()
    {
        var number = NewOnderwijsnummer();
        var bsn = NewBsn();
        var first = await ReportLongAbsenceAsync(Child(onderwijsnummer: number));
        var caseId = first.GetProperty("thuiszitterCaseId").GetGuid();

        var linked = await ReadAsync(await LinkAsync(School, new { onderwijsnummer = number, bsn }), HttpStatusCode.OK);
        Assert.Equal("onderwijsnummer", linked.GetProperty("linkedFrom").GetString());

        // A report by BSN now finds the child's case: no second case opens under the new reference.
        var byBsn = await ReportLongAbsenceAsync(Child(bsn: bsn), OtherSchool);
        Assert.Equal(caseId, byBsn.GetProperty("thuiszitterCaseId").GetGuid());
        // And the old number still finds it.
        var byNumber = await ReportLongAbsenceAsync(Child(onderwijsnummer: number));
        Assert.Equal(caseId, byNumber.GetProperty("thuiszitterCaseId").GetGuid());
        var bsnReference = References.For(new ChildIdentifier(ChildIdentifierKind.Bsn, bsn));
        Assert.Equal(1, await InDbAsync(db => db.Thuiszitters.CountAsync(c => c.ChildReference == bsnReference, Ct)));
        Assert.Equal(3, await InDbAsync(db => db.AbsenceReports.CountAsync(r => r.ChildReference == bsnReference, Ct)));

        // The link is recorded (who, when) and published with the two references only: no BSN, no onderwijsnummer.
        var link = await InDbAsync(db => db.Set<ChildReferenceLink>().SingleAsync(Ct));
        Assert.Equal(("school-a", bsnReference, _clock.GetUtcNow()), (link.LinkedByOrganisationId, link.ToReference, link.LinkedAt));
        var events = await InDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType.EndsWith(nameof(ChildIdentifiersLinked))).ToListAsync(Ct));
        var body = Assert.Single(events).Body;
        Assert.Contains(bsnReference, body);
        Assert.DoesNotContain(bsn, body);
        Assert.DoesNotContain(number, body);

        // The same link again is answered the same (idempotent); another BSN for the same number is refused naming the rule.
        await ReadAsync(await LinkAsync(School, new { onderwijsnummer = number, bsn }), HttpStatusCode.OK);
        var other = await ReadAsync(await LinkAsync(School, new { onderwijsnummer = number, bsn = NewBsn() }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("ADR-0015", other.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Linking_needs_a_record_of_ones_own_and_tells_an_involved_attacker_nothing_RULES_6()
    {
        // A child of school B with an open case under its BSN.
        var victimBsn = NewBsn();
        var victim = await ReportLongAbsenceAsync(Child(bsn: victimBsn), OtherSchool);
        var victimCase = victim.GetProperty("thuiszitterCaseId").GetGuid();

        // A school without a record of the number may not link it: 404, as for a number nobody knows.
        var unknown = NewOnderwijsnummer();
        Assert.Equal(HttpStatusCode.NotFound, (await LinkAsync(School, new { onderwijsnummer = unknown, bsn = victimBsn })).StatusCode);
        await ReportLongAbsenceAsync(Child(onderwijsnummer: unknown), OtherSchool);
        Assert.Equal(HttpStatusCode.NotFound, (await LinkAsync(School, new { onderwijsnummer = unknown, bsn = victimBsn })).StatusCode);
        // SWV and escalation table may not process the numbers at all.
        Assert.Equal(HttpStatusCode.Forbidden, (await LinkAsync(As("swv-po-maastricht", "swv"), new { onderwijsnummer = unknown, bsn = victimBsn })).StatusCode);

        // School A holds a child by number and links it to the victim's BSN: the answer is the one any link gets.
        var number = NewOnderwijsnummer();
        var own = await ReportLongAbsenceAsync(Child(onderwijsnummer: number));
        var ownCase = own.GetProperty("thuiszitterCaseId").GetGuid();
        var answer = await ReadAsync(await LinkAsync(School, new { onderwijsnummer = number, bsn = victimBsn }), HttpStatusCode.OK);
        Assert.Equal(["linkedAt", "linkedFrom"], answer.EnumerateObject().Select(p => p.Name).Order());
        // Nothing of school B's becomes visible to school A: its report, and the list, stay school A's own.
        Assert.Equal(HttpStatusCode.NotFound, (await School.GetAsync($"/api/attendance/absence-reports/{victim.GetProperty("id").GetGuid()}", Ct)).StatusCode);
        var list = await School.GetFromJsonAsync<JsonElement>("/api/attendance/absence-reports?limit=50", Ct);
        Assert.All(list.GetProperty("items").EnumerateArray(), r => Assert.Equal("school-a", r.GetProperty("schoolOrganisationId").GetString()));
        // Two open cases are not merged by a link (ADR-0015): the victim's case keeps its reference, school A's stays apart.
        var references = await InDbAsync(db => db.Thuiszitters.Where(c => c.Id == victimCase || c.Id == ownCase).ToDictionaryAsync(c => c.Id, c => c.ChildReference, Ct));
        Assert.Equal(References.For(new ChildIdentifier(ChildIdentifierKind.Bsn, victimBsn)), references[victimCase]);
        Assert.NotEqual(references[victimCase], references[ownCase]);
    }

    [Fact]
    public async Task A_link_made_in_another_service_rekeys_this_services_records_once_ADR_0015()
    {
        var number = NewOnderwijsnummer();
        var report = await ReportLongAbsenceAsync(Child(onderwijsnummer: number));
        var from = References.For(new ChildIdentifier(ChildIdentifierKind.Onderwijsnummer, number));
        var to = References.For(new ChildIdentifier(ChildIdentifierKind.Bsn, NewBsn()));
        var message = new ChildIdentifiersLinked(Guid.NewGuid(), from, to, "school-c", "intake", _clock.GetUtcNow());

        var id = await Service.PublishAndWaitAsync(message);
        await Service.PublishAndWaitAsync(message, id);

        var caseId = report.GetProperty("thuiszitterCaseId").GetGuid();
        Assert.Equal(to, await InDbAsync(db => db.Thuiszitters.Where(c => c.Id == caseId).Select(c => c.ChildReference).FirstAsync(Ct)));
        Assert.Equal(1, await InDbAsync(db => db.Set<ChildReferenceLink>().CountAsync(l => l.FromReference == from, Ct)));
    }

    // ADR-0015 and the standard "never a 500": a link re-keys the child's records while, at the same moment, the same link is
    // asked again or another school's report opens a case under the BSN. Whichever loses the race gets 409 with Retry-After
    // (nothing of it written) and, asked again, the answer for what is there now; never a 500, never two links, never two
    // open cases for one child.
    [Fact]
    public async Task A_link_racing_the_same_link_or_a_new_case_under_the_BSN_answers_409_to_retry_never_500_ADR_0015()
    {
        for (var round = 0; round < 6; round++)
        {
            var number = NewOnderwijsnummer();
            var bsn = NewBsn();
            await ReportLongAbsenceAsync(Child(onderwijsnummer: number));
            var link = new { onderwijsnummer = number, bsn };
            var answers = await Task.WhenAll(
                LinkAsync(School, link), LinkAsync(School, link),
                OtherSchool.PostAsJsonAsync("/api/attendance/absence-reports", new
                {
                    child = Child(bsn: bsn), kind = "long-term-relative", firstAbsentOn = Today.AddDays(-35).ToString("yyyy-MM-dd"),
                }, Ct));
            var links = answers[..2];
            Assert.All(links, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)a.StatusCode}: {a.Content.ReadAsStringAsync(Ct).Result}"));
            Assert.All(links.Where(a => a.StatusCode == HttpStatusCode.Conflict), a => Assert.NotNull(a.Headers.RetryAfter));
            Assert.Equal(HttpStatusCode.Created, answers[2].StatusCode);
            // Asked again (as Retry-After says), the link is there: once.
            await ReadAsync(await LinkAsync(School, link), HttpStatusCode.OK);
            var from = References.For(new ChildIdentifier(ChildIdentifierKind.Onderwijsnummer, number));
            Assert.Equal(1, await InDbAsync(db => db.Set<ChildReferenceLink>().CountAsync(l => l.FromReference == from, Ct)));
            var to = References.For(new ChildIdentifier(ChildIdentifierKind.Bsn, bsn));
            Assert.True(await InDbAsync(db => db.Thuiszitters.CountAsync(c => c.ChildReference == to && c.Status != Platform.Attendance.Domain.ThuiszitterStatus.Resolved, Ct)) <= 1);
        }
    }
}
