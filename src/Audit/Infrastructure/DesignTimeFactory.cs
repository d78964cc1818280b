using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Audit.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AuditDbContext>
{
    public AuditDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<AuditDbContext>()
        .UseNpgsql("Host=localhost;Database=auditdb").UseSnakeCaseNamingConvention().Options);
}
