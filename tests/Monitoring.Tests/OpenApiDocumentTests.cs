using Platform.Monitoring.Tests.Apis;
using Platform.TestInfrastructure;

namespace Platform.Monitoring.Tests;

/// <summary>The OpenAPI document is complete for a client generator and equals docs/openapi/monitoring.json.</summary>
public sealed class OpenApiDocumentTests(TestServersFixture fixture) : MonitoringTestBase(fixture)
{
    [Fact]
    public Task The_served_document_is_complete_and_committed() => OpenApiContract.VerifyAsync(Service);
}
