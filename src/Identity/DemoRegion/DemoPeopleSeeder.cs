using Microsoft.EntityFrameworkCore;
using Platform.DemoRegion;
using Platform.Identity.Infrastructure;
using Platform.Identity.People;

namespace Platform.Identity.DemoRegion;

/// <summary>
/// The demo region's people, in the people store as any organisation's people are, without an upstream login: they sign
/// in on the demo form with the demo password. Development and the test hosts only, like the demo clients.
/// </summary>
internal static partial class DemoPeopleSeeder
{
    public static async Task SeedDemoPeopleAsync(this WebApplication app)
    {
        if (!DemoSignIn.ServesDemoRegion(app.Environment, app.Configuration)) return;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var clock = scope.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
        var known = await db.People.Where(p => p.ProviderId == null).ToDictionaryAsync(p => p.Id);
        foreach (var demo in DemoPeople.All)
        {
            if (known.TryGetValue(demo.Id, out var person))
            {
                person.Name = demo.Name;
                person.Function = demo.Function;
                person.Roles = [.. demo.Roles];
            }
            else
            {
                db.People.Add(new Person
                {
                    Id = demo.Id, OrganisationId = demo.OrganisationId, Name = demo.Name, Function = demo.Function, Roles = [.. demo.Roles],
                    CreatedAt = clock.GetUtcNow(),
                });
            }
        }
        await db.SaveChangesAsync();
        LogSeeded(scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoPeopleSeeder)), DemoPeople.All.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo region: {Count} people registered or updated.")]
    private static partial void LogSeeded(ILogger logger, int count);
}
