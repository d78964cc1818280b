using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.Data;

namespace Platform.Http;

/// <summary>
/// When a service's database is unreachable (restarting, failing over) or full, its endpoints answer
/// 503 with <c>Retry-After</c>: the caller should retry, and nothing was half-written because the
/// transaction never committed. A 500 would wrongly say the request itself was at fault.
/// </summary>
internal sealed partial class DatabaseUnavailableHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (DatabaseOutage.ReasonOf(exception) is not { } reason) return false;
        LogUnavailable(logger, reason, exception);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Temporarily unavailable.",
                Detail = reason == DatabaseOutage.OutOfSpace
                    ? $"The service's database has no space left to store this. Nothing was saved; retry after {RetryAfterSeconds} s."
                    : $"The service's database cannot be reached. Nothing was saved; retry after {RetryAfterSeconds} s.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database {Reason}; answered 503.")]
    private static partial void LogUnavailable(ILogger logger, string reason, Exception exception);
}
