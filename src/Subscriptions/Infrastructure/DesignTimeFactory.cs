using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Subscriptions.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SubscriptionsDbContext>
{
    public SubscriptionsDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<SubscriptionsDbContext>()
        .UseNpgsql("Host=localhost;Database=subscriptionsdb").UseSnakeCaseNamingConvention().Options);
}
