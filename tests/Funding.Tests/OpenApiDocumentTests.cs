using Platform.TestInfrastructure;

namespace Platform.Funding.Tests;

/// <summary>The OpenAPI document is complete for a client generator and equals docs/openapi/funding.json.</summary>
public sealed class OpenApiDocumentTests(TestServersFixture fixture) : FundingTestBase(fixture)
{
    [Fact]
    public Task The_served_document_is_complete_and_committed() => OpenApiContract.VerifyAsync(Service);
}
