using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Messaging.Outbox;

namespace Platform.Auditing;

/// <summary>
/// A request to child-level data that the authentication layer refuses (401: no or an invalid token;
/// 403: a token that may not use the route) never reaches the endpoint and its audit filter. The JWT
/// bearer events leave its access-log line instead (#25 point 7, NEN 7513): the route's record type
/// and id, who (as far as a valid token says: else "anonymous"), outcome <c>denied</c>, and no child
/// data (no child reference; the caller's headers are not trusted for the purpose).
/// </summary>
public static partial class AuthenticationRefusals
{
    /// <summary>Wraps the scheme's events: whatever they did, the refusal is then recorded.</summary>
    public static void RecordRefusals<TDbContext>(JwtBearerOptions options) where TDbContext : DbContext
    {
        var events = options.Events ?? new JwtBearerEvents();
        var challenge = events.OnChallenge;
        var forbidden = events.OnForbidden;
        events.OnChallenge = async context =>
        {
            await challenge(context);
            await RecordAsync<TDbContext>(context.HttpContext);
        };
        events.OnForbidden = async context =>
        {
            await forbidden(context);
            await RecordAsync<TDbContext>(context.HttpContext);
        };
        options.Events = events;
    }

    private static async Task RecordAsync<TDbContext>(HttpContext http) where TDbContext : DbContext
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<AuditedAttribute>() is not { } audited) return;
        var id = http.Request.RouteValues.TryGetValue("id", out var value) ? value?.ToString() : null;
        var record = http.RequestServices.GetRequiredService<AuditTrail>()
            .Record(AuditFilter<TDbContext>.ActionOf(http.Request.Method, id), audited.RecordType, id, null, AuditOutcomes.Denied);
        // The caller was not let in: its X-Purpose is not checked, so the endpoint's own purpose is logged.
        if (!AuditPurpose.Known.Contains(record.Purpose)) record = record with { Purpose = audited.Purpose };
        try
        {
            await using var scope = http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
            db.AddIntegrationEvent(record);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The refusal stands either way; a line that cannot be written is an error to look into.
            LogUnrecorded(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthenticationRefusals)), ex, http.Response.StatusCode);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The access-log line of a request refused by authentication ({Status}) could not be written.")]
    private static partial void LogUnrecorded(ILogger logger, Exception ex, int status);
}
