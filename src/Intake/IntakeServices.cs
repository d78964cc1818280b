using Platform.Intake.Infrastructure;
using Platform.Messaging;
using Platform.Privacy;

namespace Platform.Intake;

internal static class IntakeServices
{
    public const string DatabaseName = "intakedb";

    public static IHostApplicationBuilder AddIntakeServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp =>
            ChildReferences.FromBase64Key(sp.GetRequiredService<IConfiguration>()["Privacy:ChildReferenceKey"]));
        builder.AddServiceDatabase<IntakeDbContext>(DatabaseName);
        builder.AddPlatformMessaging<IntakeDbContext>();
        return builder;
    }
}
