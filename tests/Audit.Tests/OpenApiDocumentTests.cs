using Platform.Audit.Infrastructure;
using Platform.TestInfrastructure;

namespace Platform.Audit.Tests;

/// <summary>The OpenAPI document is complete for a client generator and equals docs/openapi/audit.json.</summary>
public sealed class OpenApiDocumentTests(TestServersFixture fixture) : ServiceTestBase<Program, AuditDbContext>(fixture)
{
    [Fact]
    public Task The_served_document_is_complete_and_committed() => OpenApiContract.VerifyAsync(Service);
}
