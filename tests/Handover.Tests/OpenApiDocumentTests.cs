using Platform.Handover.Infrastructure;
using Platform.TestInfrastructure;

namespace Platform.Handover.Tests;

/// <summary>The OpenAPI document is complete for a client generator and equals docs/openapi/handover.json.</summary>
public sealed class OpenApiDocumentTests(TestServersFixture fixture) : ServiceTestBase<Program, HandoverDbContext>(fixture)
{
    [Fact]
    public Task The_served_document_is_complete_and_committed() => OpenApiContract.VerifyAsync(Service);
}
