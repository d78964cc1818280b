using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Data;
using Platform.Jobs;

namespace Platform.Http.Idempotency;

public static class IdempotencyRegistration
{
    /// <summary>
    /// Safe retries for every POST of the service, stored in <typeparamref name="TDbContext"/>
    /// (whose model calls <see cref="IdempotencyModel.AddIdempotencyTable"/>): the options, the commit
    /// marker written in the work's own transaction, and the table cleanup of old answers.
    /// </summary>
    public static IHostApplicationBuilder AddIdempotencyKeys<TDbContext>(this IHostApplicationBuilder builder) where TDbContext : DbContext
    {
        builder.Services.Configure<IdempotencyOptions>(builder.Configuration.GetSection("Idempotency"));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(sp => new CommitInterceptor<TDbContext>(new IdempotencyCommitInterceptor(
            sp.GetRequiredService<IHttpContextAccessor>(), sp.GetService<TimeProvider>() ?? TimeProvider.System)));
        // Stored answers may hold the data the POST returned: forgotten after the retention.
        builder.Services.AddTableCleanup<TDbContext, IdempotentRequest, IdempotencyOptions>(o =>
            new("idempotency requests", cutoff => r => r.CreatedAt < cutoff, o.Retention, o.CleanupInterval));
        return builder;
    }

    /// <summary>Safe retries for the service's POSTs. Call after <c>UseAuthorization</c>: a key belongs to the token's organisation.</summary>
    public static IApplicationBuilder UseIdempotencyKeys<TDbContext>(this IApplicationBuilder app) where TDbContext : DbContext =>
        app.UseMiddleware<IdempotencyKeyMiddleware<TDbContext>>();
}
