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
    public async Task Any_other_failure_is_still_a_500()
    {
        var response = await CallAsync(new InvalidOperationException("bug"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}
