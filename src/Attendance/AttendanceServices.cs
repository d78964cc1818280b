using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Attendance.Jobs;
using Platform.Attendance.Infrastructure;
using Platform.Attendance.IntegrationEvents;
using Platform.Auditing;
using Platform.ChildLinks;
using Platform.Auditing.Retention;
using Platform.DirectoryReplica;
using Platform.Jobs;
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
        builder.Services.AddScoped<Platform.Attendance.Calendar.SchoolCalendars>();
        builder.Services.AddJob<ThuiszitterDeadlineWatcher>();
        builder.Services.AddJob<ExemptionExpiryWatcher>();
        builder.Services.AddJob<SicknessReviewWatcher>();
        builder.AddDirectoryReplica<AttendanceDbContext>();
        builder.AddAuditing<AttendanceDbContext>();
        builder.AddChildLinks<AttendanceDbContext, AttendanceChildRecords>();
        builder.Services.AddRetention<AttendanceRetention>(builder.Configuration);
        builder.AddPlatformMessaging<AttendanceDbContext>(bus =>
        {
            bus.AddConsumer<PlacementConfirmedConsumer>();
            bus.AddConsumer<PlacementEndedConsumer>();
            bus.AddConsumer<HandoverCompletedConsumer>();
        });
        return builder;
    }
}
