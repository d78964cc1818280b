using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Intake.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<IntakeDbContext>
{
    public IntakeDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<IntakeDbContext>()
        .UseNpgsql("Host=localhost;Database=intakedb").UseSnakeCaseNamingConvention().Options);
}
