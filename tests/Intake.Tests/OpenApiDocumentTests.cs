using Platform.Intake.Infrastructure;
using Platform.TestInfrastructure;

namespace Platform.Intake.Tests;

/// <summary>The OpenAPI document is complete for a client generator and equals docs/openapi/intake.json.</summary>
public sealed class OpenApiDocumentTests(TestServersFixture fixture) : ServiceTestBase<Program, IntakeDbContext>(fixture)
{
    [Fact]
    public Task The_served_document_is_complete_and_committed() => OpenApiContract.VerifyAsync(Service);
}
