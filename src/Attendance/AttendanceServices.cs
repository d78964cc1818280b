using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Attendance.Deadlines;
using Platform.Attendance.Infrastructure;
using Platform.Attendance.IntegrationEvents;
using Platform.Attendance.Retention;
using Platform.Auditing;
using Platform.Auditing.Retention;
using Platform.DirectoryReplica;
using Platform.Messaging;
using Platform.Privacy;

namespace Platform.Attendance;

internal static class AttendanceServices
{
    public static IHostApplicationBuilder AddAttendanceServices(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<AttendanceOptions>(builder.Configuration.GetSection("Attendance"));
        builder.Services.AddSingleton(sp =>
            ChildReferences.FromBase64Key(sp.GetRequiredService<IConfiguration>()["Privacy:ChildReferenceKey"]));
        builder.Services.AddSingleton<AttendanceDeadlineWatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AttendanceDeadlineWatcher>());
        builder.AddDirectoryReplica<AttendanceDbContext>();
        builder.AddAuditing<AttendanceDbContext>();
        builder.Services.AddRetention<AttendanceRetention>(builder.Configuration);
        builder.AddPlatformMessaging<AttendanceDbContext>(bus =>
        {
            bus.AddConsumer<PlacementConfirmedConsumer>();
            bus.AddConsumer<HandoverCompletedConsumer>();
        });
        return builder;
    }
}
