using Platform.Monitoring.Infrastructure;
using Platform.Monitoring.Projection;

namespace Platform.Monitoring;

internal static class MonitoringCommands
{
    /// <summary>
    /// Runs the service, or with <c>rebuild</c> (<c>dotnet Monitoring.dll rebuild</c>, docs/operations.md)
    /// replays the journal into a fresh read model and stops.
    /// </summary>
    public static async Task RunMonitoringAsync(this WebApplication app, string[] args)
    {
        if (!args.Contains("rebuild"))
        {
            await app.RunPlatformServiceAsync<MonitoringDbContext>();
            return;
        }
        await app.MigrateDatabaseAsync<MonitoringDbContext>();
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ReadModelRebuild>().RunAsync(CancellationToken.None);
        Console.WriteLine($"Rebuilt the read model from {result.EventsReplayed} journal entries: {result.Subjects} subjects, {result.Facts} facts, {result.Took.TotalSeconds:0.0} s.");
    }
}
