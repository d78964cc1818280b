using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Http;

public static class HttpDefaults
{
    /// <summary>What every API answers with and how it reads: 503 for a database outage, strict JSON numbers.</summary>
    public static IHostApplicationBuilder AddPlatformHttp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDatabaseOutageAnswers();
        // A number is a JSON number: "12" for an amount is a client's mistake to hear about, not to guess at.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
        return builder;
    }

    /// <summary>An unreachable database is answered 503 with Retry-After (<see cref="DatabaseUnavailableHandler"/>), not 500.</summary>
    public static IServiceCollection AddDatabaseOutageAnswers(this IServiceCollection services) =>
        services.AddExceptionHandler<DatabaseUnavailableHandler>();
}
