using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Portal.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the portal.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<PortalDbContext>()
        .UseNpgsql("Host=localhost;Database=portaldb").UseSnakeCaseNamingConvention().Options);
}
