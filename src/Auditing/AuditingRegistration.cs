using Platform.Http.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Auditing;

public static class AuditingRegistration
{
    /// <summary>The audit trail for a service whose outbox lives on <typeparamref name="TDbContext"/>.</summary>
    public static IHostApplicationBuilder AddAuditing<TDbContext>(this IHostApplicationBuilder builder) where TDbContext : DbContext
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddScoped<IAuditTrail>(sp => sp.GetRequiredService<AuditTrail>());
        builder.Services.AddScoped<AuditFilter<TDbContext>>();
        builder.Services.AddScoped<Platform.Http.Idempotency.IReplayObserver, ReplayRecorder<TDbContext>>();
        // 401 and 403 from the authentication layer never reach the filter: the bearer events log them.
        builder.Services.PostConfigure<Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions>(
            Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerDefaults.AuthenticationScheme, AuthenticationRefusals.RecordRefusals<TDbContext>);
        return builder;
    }

    /// <summary>The request's audit trail.</summary>
    public static IAuditTrail Audit(this HttpContext http) => http.RequestServices.GetRequiredService<IAuditTrail>();

    /// <summary>
    /// Every endpoint of the group touches child-level data of <paramref name="recordType"/>: each request
    /// is recorded with its outcome; <paramref name="purpose"/> is what it serves when the caller names none.
    /// Add before the group's other filters, so it sees their answers.
    /// </summary>
    public static TBuilder Audited<TBuilder, TDbContext>(this TBuilder builder, string recordType, string purpose)
        where TBuilder : IEndpointConventionBuilder where TDbContext : DbContext
    {
        builder.WithMetadata(new AuditedAttribute(recordType, purpose));
        // A purpose header that is not one of the known purposes is a 400 on every endpoint of the group.
        builder.DeclareValidationProblem();
        builder.AddEndpointFilter<TBuilder, AuditFilter<TDbContext>>();
        return builder;
    }
}
