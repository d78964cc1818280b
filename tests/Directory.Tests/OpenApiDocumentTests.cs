using Platform.TestInfrastructure;

namespace Platform.Directory.Tests;

/// <summary>The OpenAPI document is complete for a client generator and equals docs/openapi/directory.json.</summary>
public sealed class OpenApiDocumentTests(TestServersFixture fixture) : DirectoryTestBase(fixture)
{
    [Fact]
    public Task The_served_document_is_complete_and_committed() => OpenApiContract.VerifyAsync(Service);
}
