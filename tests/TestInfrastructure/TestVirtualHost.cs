using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace Platform.TestInfrastructure;

/// <summary>A RabbitMQ virtual host of its own for one test class: its exchanges and queues are invisible to others.</summary>
public static class TestVirtualHost
{
    private static readonly System.Collections.Concurrent.ConcurrentBag<string> Created = [];

    /// <summary>Creates the vhost through the management API and returns an amqp:// connection string for it.</summary>
    public static async Task<string> CreateAsync(TestServers servers, string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}";
        using var http = new HttpClient { BaseAddress = servers.RabbitMqManagement };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{servers.RabbitMqUsername}:{servers.RabbitMqPassword}")));
        (await http.PutAsync($"api/vhosts/{name}", null)).EnsureSuccessStatusCode();
        Created.Add(name);
        (await http.PutAsJsonAsync($"api/permissions/{name}/{servers.RabbitMqUsername}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        return $"amqp://{Uri.EscapeDataString(servers.RabbitMqUsername)}:{Uri.EscapeDataString(servers.RabbitMqPassword)}@{servers.RabbitMqHost}:{servers.RabbitMqPort}/{name}";
    }

    /// <summary>
    /// Deletes the vhosts this test assembly made, with their queues: a broker shared by a whole test
    /// run slows down badly with hundreds of idle vhosts and their quorum queues.
    /// </summary>
    public static async Task DeleteCreatedAsync(TestServers servers)
    {
        using var http = new HttpClient { BaseAddress = servers.RabbitMqManagement, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{servers.RabbitMqUsername}:{servers.RabbitMqPassword}")));
        while (Created.TryTake(out var name))
        {
            try { await http.DeleteAsync($"api/vhosts/{name}"); }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { /* the broker may be gone already */ }
        }
    }
}
