using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.ServiceDefaults;
using Platform.Http;

namespace Platform.Intake.Tests.Defaults;

/// <summary>A database that cannot be reached is the service's trouble, not the caller's: 503 with Retry-After, never 500.</summary>
public sealed class DatabaseUnavailableTests
{
    private static async Task<HttpResponseMessage> CallAsync(Exception thrown)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddTracedProblemDetails().AddDatabaseOutageAnswers();
        await using var app = builder.Build();
        app.UseExceptionHandler();
        app.MapGet("/", (Func<IResult>)(() => throw thrown));
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        return await client.GetAsync("/", TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task An_unreachable_database_gets_503_with_Retry_After()
    {
        var response = await CallAsync(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_full_disk_gets_503_with_Retry_After_and_says_so()
    {
        var response = await CallAsync(new PostgresException("could not extend file: No space left on device", "ERROR", "ERROR", PostgresErrorCodes.DiskFull));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Contains("no space left", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(PostgresErrorCodes.DiskFull, Platform.Data.DatabaseOutage.OutOfSpace)]
    [InlineData(PostgresErrorCodes.AdminShutdown, Platform.Data.DatabaseOutage.Unavailable)]
    [InlineData(PostgresErrorCodes.CannotConnectNow, Platform.Data.DatabaseOutage.Unavailable)]
    [InlineData(PostgresErrorCodes.UniqueViolation, null)]
    [InlineData(PostgresErrorCodes.UndefinedColumn, null)]
    public void The_outage_reason_counted_for_the_alerts_is_read_from_the_SQLSTATE(string sqlState, string? reason) =>
        Assert.Equal(reason, Platform.Data.DatabaseOutage.ReasonOf(
            new InvalidOperationException("EF Core's wrapper", new PostgresException("message", "ERROR", "ERROR", sqlState))));

    [Theory]
    [InlineData("No suitable host was found.")]
    [InlineData("Unable to connect to a suitable host. Check inner exception for more details.")]
    public void A_failover_pair_with_no_primary_is_unavailable(string message) =>
        Assert.Equal(Platform.Data.DatabaseOutage.Unavailable, Platform.Data.DatabaseOutage.ReasonOf(new NpgsqlException(message)));

    [Fact]
    public async Task Any_other_failure_is_still_a_500()
    {
        var response = await CallAsync(new InvalidOperationException("bug"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}
