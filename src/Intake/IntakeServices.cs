using Platform.ChildLinks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Auditing;
using Platform.Auditing.Retention;
using Platform.DirectoryReplica;
using Platform.Intake.Jobs;
using Platform.Intake.Domain;
using Platform.Intake.Infrastructure;
using Platform.Intake.IntegrationEvents;
using Platform.Http.Idempotency;
using Platform.Jobs;
using Platform.Messaging;
using Platform.Privacy;

namespace Platform.Intake;

internal static class IntakeServices
{
    public static IHostApplicationBuilder AddIntakeServices(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<IntakeOptions>(builder.Configuration.GetSection("Intake"));
        builder.Services.AddSingleton(sp => new WorkingDays(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<IntakeOptions>>().Value.PublicHolidays));
        builder.Services.AddJob<KnooppuntDeadlineWatcher>();
        builder.Services.AddJob<ConsentRenewalWatcher>();
        builder.Services.AddSingleton(sp =>
            ChildReferences.FromBase64Key(sp.GetRequiredService<IConfiguration>()["Privacy:ChildReferenceKey"]));
        // Answers kept for Idempotency-Key retries may hold a child's data: encrypted with a key of the service (#25 point 6).
        builder.Services.AddSingleton<IStoredAnswerProtection>(sp =>
            AesGcmStoredAnswers.DerivedFrom(Convert.FromBase64String(sp.GetRequiredService<IConfiguration>()["Privacy:ChildReferenceKey"]
                ?? throw new InvalidOperationException("Privacy:ChildReferenceKey is not set."))));
        builder.AddDirectoryReplica<IntakeDbContext>();
        builder.AddAuditing<IntakeDbContext>();
        builder.AddChildLinks<IntakeDbContext, IntakeChildRecords>();
        builder.Services.AddRetention<IntakeRetention>(builder.Configuration);
        builder.AddPlatformMessaging<IntakeDbContext>(bus =>
        {
            bus.AddConsumer<PlacementConfirmedConsumer>();
            bus.AddConsumer<HandoverCompletedConsumer>();
        });
        return builder;
    }
}
