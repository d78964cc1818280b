using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Monitoring.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MonitoringDbContext>
{
    public MonitoringDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<MonitoringDbContext>()
        .UseNpgsql("Host=localhost;Database=monitoringdb").UseSnakeCaseNamingConvention().Options);
}
