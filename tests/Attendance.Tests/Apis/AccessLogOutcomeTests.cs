using System.Net;
using System.Net.Http.Json;
using Platform.Attendance.Infrastructure;
using Platform.TestInfrastructure;

namespace Platform.Attendance.Tests.Apis;

/// <summary>
/// Typed handlers answer through <c>Results&lt;...&gt;</c>, which wraps the actual answer: the access log
/// still records each refusal with its own outcome, not as a success (or not at all).
/// </summary>
public sealed class AccessLogOutcomeTests(TestServersFixture fixture) : ServiceTestBase<Program, AttendanceDbContext>(fixture)
{
    [Fact]
    public async Task A_typed_404_403_and_400_are_logged_as_denied_denied_and_refused()
    {
        var missing = Guid.NewGuid();
        await ReadAsync(await As("school-a", "school").GetAsync($"/api/attendance/absence-reports/{missing}", Ct), HttpStatusCode.NotFound);
        await ReadAsync(await As("school-a", "school").PostAsJsonAsync("/api/attendance/thuiszitters", new { }, Ct), HttpStatusCode.Forbidden);
        await ReadAsync(await As("gemeente-maastricht", "municipality").GetAsync("/api/attendance/exemptions?limit=0", Ct), HttpStatusCode.BadRequest);

        var lines = await InDbAsync(db => AuditLines.InOutboxAsync(db, Ct));
        Assert.Equal("denied", Assert.Single(lines, l => l.RecordId == missing.ToString()).Outcome);
        Assert.Equal("denied", Assert.Single(lines, l => l.RecordType == "thuiszitter-case").Outcome);
        Assert.Equal("refused", Assert.Single(lines, l => l.RecordType == "exemption").Outcome);
    }
}
