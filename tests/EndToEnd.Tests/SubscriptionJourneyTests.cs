extern alias receiver;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using receiver::Village.Samples.NotificationReceiver;

namespace Platform.EndToEnd.Tests;

/// <summary>A municipality's system is told of a new thuiszitter instead of polling, and reads it with its own token.</summary>
public sealed class SubscriptionJourneyTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_municipality_subscribes_to_its_thuiszitters_and_its_receiver_gets_a_signed_notification_and_reads_the_case()
    {
        // The municipality's receiver, on this machine (http and loopback are allowed in Development only).
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/notifications/");
        listener.Start();

        var maastricht = await Demo.ClientAsync(platform.Gateway, Demo.Municipality);
        var created = await Demo.ReadAsync(await maastricht.PostAsJsonAsync("/api/subscriptions/subscriptions", new
        {
            callbackUrl = $"http://127.0.0.1:{port}/notifications/",
            channels = new[] { "thuiszitters" },
            eventTypes = new[] { "ThuiszitterRegistered" },
        }, Ct), HttpStatusCode.Created);
        var verifier = new SignatureVerifier(created.GetProperty("secret").GetString()!);

        var school = await Demo.ClientAsync(platform.Gateway, Demo.School);
        var report = await Demo.ReadAsync(await school.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = new { bsn = "678901235", givenName = "Bram", familyName = "Lemmens", dateOfBirth = "2013-09-09", homeMunicipality = "GM0935" },
            kind = "long-term-relative",
            firstAbsentOn = Demo.LongTermAbsentSince,
        }, Ct), HttpStatusCode.Created);
        var caseId = report.GetProperty("thuiszitterCaseId").GetGuid();

        // Notifications for earlier cases of this run may come first; wait for this case's.
        JsonElement notification = default;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var context = await listener.GetContextAsync().WaitAsync(deadline - DateTime.UtcNow, Ct);
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(Ct);
            Assert.Equal(Verdict.Valid, verifier.Verify(context.Request.Headers["Village-Signature"], body));
            context.Response.StatusCode = 204;
            context.Response.Close();
            notification = JsonDocument.Parse(body).RootElement;
            if (notification.GetProperty("resource").GetString()!.EndsWith($"/api/attendance/thuiszitters/{caseId}", StringComparison.Ordinal)) break;
        }
        Assert.Equal("ThuiszitterRegistered", notification.GetProperty("eventType").GetString());
        Assert.DoesNotContain("678901235", notification.GetRawText());
        Assert.DoesNotContain("Bram", notification.GetRawText());

        // The notification says what changed; the municipality reads it with its own token, Heerlen cannot.
        var resource = new Uri(notification.GetProperty("resource").GetString()!);
        Assert.Equal(platform.Gateway.BaseAddress!.Port, resource.Port);
        var read = await Demo.ReadAsync(await maastricht.GetAsync(resource.PathAndQuery, Ct), HttpStatusCode.OK);
        Assert.Equal(caseId, read.GetProperty("id").GetGuid());
        var heerlen = await Demo.ClientAsync(platform.Gateway, "gemeente-heerlen");
        Assert.Equal(HttpStatusCode.NotFound, (await heerlen.GetAsync(resource.PathAndQuery, Ct)).StatusCode);
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
