using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.DemoRegion;
using Platform.DirectoryReplica;

namespace Platform.TestInfrastructure;

/// <summary>
/// Gives a service under test its copy of the region's directory, as the Directory would publish it:
/// the demo region South Limburg (its organisations, locations such as 27DL00 for De Linde, pupil counts).
/// </summary>
public static class DemoDirectory
{
    public const string DeLinde = "school-bs-de-linde";
    public const string DeLindeLocation = "27DL00";
    public const string HetKompasLocation = "27HK00";

    public static async Task SeedAsync<TDbContext>(IServiceProvider services, CancellationToken ct = default) where TDbContext : DbContext
    {
        await using var scope = services.CreateAsyncScope();
        await ReplicaWriter.SeedAsync(scope.ServiceProvider.GetRequiredService<TDbContext>(), SouthLimburg.Snapshot(), ct);
    }
}
