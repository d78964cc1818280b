using System.Text.Json;
using Platform.Audit.Domain;
using Platform.Audit.Infrastructure;
using Platform.Audit.Jobs;

namespace Platform.Audit;

internal static class AuditCommands
{
    /// <summary>
    /// Runs the service; or with <c>migrate</c> applies the migrations as the owner and stops (the
    /// Kubernetes init container); or with <c>verify</c> checks the log and its anchors, prints the
    /// report and exits 0 when intact, 2 when not (the privacy officer's command, docs/operations.md).
    /// </summary>
    public static async Task RunAuditAsync(this WebApplication app, string[] args)
    {
        if (args.Contains("migrate"))
        {
            await AuditDatabase.MigrateAsync(app);
            return;
        }
        if (args.Contains("verify"))
        {
            await AuditDatabase.PrepareAsync(app);
            await using var scope = app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var report = await AuditChain.VerifyAsync(services.GetRequiredService<AuditDbContext>(), services.GetRequiredService<ChainKeys>(),
                services.GetRequiredService<IAnchorStore>(), services.GetRequiredService<AnchorKey>(), CancellationToken.None);
            Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            Environment.ExitCode = report.Intact ? 0 : 2;
            return;
        }
        await AuditDatabase.PrepareAsync(app);
        await app.RunAsync();
    }
}
