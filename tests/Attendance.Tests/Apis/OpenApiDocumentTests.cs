using Platform.Attendance.Infrastructure;
using Platform.TestInfrastructure;

namespace Platform.Attendance.Tests.Apis;

/// <summary>The OpenAPI document is complete for a client generator and equals docs/openapi/attendance.json.</summary>
public sealed class OpenApiDocumentTests(TestServersFixture fixture) : ServiceTestBase<Program, AttendanceDbContext>(fixture)
{
    [Fact]
    public Task The_served_document_is_complete_and_committed() => OpenApiContract.VerifyAsync(Service);
}
