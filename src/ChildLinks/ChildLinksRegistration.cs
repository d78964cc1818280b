using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Messaging;

namespace Platform.ChildLinks;

public static class ChildLinksRegistration
{
    /// <summary>
    /// Links of child references for <typeparamref name="TDbContext"/> (which must call <see cref="ChildLinksModel.AddChildLinks"/>):
    /// the service's <typeparamref name="TRecords"/> and the consumer of <c>ChildIdentifiersLinked</c>. Call before <c>AddPlatformMessaging</c>.
    /// </summary>
    public static IHostApplicationBuilder AddChildLinks<TDbContext, TRecords>(this IHostApplicationBuilder builder)
        where TDbContext : DbContext where TRecords : class, IChildRecords
    {
        builder.Services.AddScoped<IChildRecords, TRecords>();
        builder.Services.AddBusContribution((bus, prefix) =>
            bus.AddConsumer<ChildIdentifiersLinkedConsumer<TDbContext>>().Endpoint(e => e.Name = $"{prefix}-child-identifiers-linked"));
        return builder;
    }
}
