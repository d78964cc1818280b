using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Messaging;

namespace Platform.ConsentReplica;

public static class ConsentReplicaRegistration
{
    /// <summary>
    /// Gives the service a copy of Intake's consents and cases (<typeparamref name="TDbContext"/> must call
    /// <see cref="ConsentReplicaModel.AddConsentReplica"/>) and <see cref="IConsentCheck"/>. Call before <c>AddPlatformMessaging</c>.
    /// </summary>
    public static IHostApplicationBuilder AddConsentReplica<TDbContext>(this IHostApplicationBuilder builder) where TDbContext : DbContext
    {
        builder.Services.AddScoped<IConsentCheck, ConsentCheck<TDbContext>>();
        builder.Services.AddBusContribution((bus, prefix) =>
        {
            bus.AddConsumer<ConsentGrantedConsumer<TDbContext>>().Endpoint(e => e.Name = $"{prefix}-consent-granted");
            bus.AddConsumer<ConsentWithdrawnConsumer<TDbContext>>().Endpoint(e => e.Name = $"{prefix}-consent-withdrawn");
            bus.AddConsumer<CaseOpenedConsumer<TDbContext>>().Endpoint(e => e.Name = $"{prefix}-case-opened");
            bus.AddConsumer<CaseErasedConsumer<TDbContext>>().Endpoint(e => e.Name = $"{prefix}-case-erased");
        });
        return builder;
    }
}
