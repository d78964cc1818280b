using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Funding.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<FundingDbContext>
{
    public FundingDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<FundingDbContext>()
        .UseNpgsql("Host=localhost;Database=fundingdb").UseSnakeCaseNamingConvention().Options);
}
