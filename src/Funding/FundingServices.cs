using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.DirectoryReplica;
using Platform.Funding.Escalation;
using Platform.Funding.Infrastructure;
using Platform.Funding.IntegrationEvents;
using Platform.Funding.Placements;
using Platform.Messaging;

namespace Platform.Funding;

/// <summary>Regional agreements for funding, set per region rather than fixed in code.</summary>
public sealed class FundingOptions
{
    /// <summary>The regional escalation table (an organisation in Identity) with doorzettingsmacht.</summary>
    public string EscalationTableId { get; set; } = "escalatietafel-zuid-limburg";
    /// <summary>Calendar days funders have to decide on a proposal before it escalates.</summary>
    public int DecisionPeriodDays { get; set; } = 14;
    public bool DeadlineWatcherEnabled { get; set; } = true;
    public TimeSpan DeadlineCheckInterval { get; set; } = TimeSpan.FromSeconds(15);
}

internal static class FundingServices
{
    public const string DatabaseName = "fundingdb";

    public static IHostApplicationBuilder AddFundingServices(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<FundingOptions>(builder.Configuration.GetSection("Funding"));
        builder.Services.AddScoped<PlacementDesk>();
        builder.Services.AddSingleton<DecisionDeadlineWatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DecisionDeadlineWatcher>());
        builder.AddServiceDatabase<FundingDbContext>(DatabaseName);
        builder.AddDirectoryReplica<FundingDbContext>();
        builder.AddPlatformMessaging<FundingDbContext>(bus =>
        {
            bus.AddConsumer<ArrangementRequestedConsumer>();
            bus.AddConsumer<HandoverCompletedConsumer>();
        });
        return builder;
    }
}
