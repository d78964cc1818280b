using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Handover.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<HandoverDbContext>
{
    public HandoverDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<HandoverDbContext>()
        .UseNpgsql("Host=localhost;Database=handoverdb").UseSnakeCaseNamingConvention().Options);
}
