using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Platform.LocalServers;

namespace Platform.TestInfrastructure;

/// <summary>A RabbitMQ virtual host of its own for one test class: its exchanges and queues are invisible to others.</summary>
public static class TestVirtualHost
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> Created = new();

    /// <summary>Creates the vhost through the management API and returns an amqp:// connection string for it.</summary>
    public static async Task<string> CreateAsync(TestServers servers, string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}";
        using var http = Management(servers);
        (await http.PutAsync($"api/vhosts/{name}", null)).EnsureSuccessStatusCode();
        Created[name] = 0;
        (await http.PutAsJsonAsync($"api/permissions/{name}/{servers.RabbitMqUsername}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        return $"amqp://{Uri.EscapeDataString(servers.RabbitMqUsername)}:{Uri.EscapeDataString(servers.RabbitMqPassword)}@{servers.RabbitMqHost}:{servers.RabbitMqPort}/{name}";
    }

    /// <summary>
    /// A virtual host on which every service has its own broker user with the permissions the platform
    /// gives it (<see cref="BrokerAccess"/>, #25 point 8), for tests that cross services: connect as a
    /// service with <see cref="ServiceUsersHost.As"/>. Users are the broker's (not the vhost's), so
    /// their test passwords are fixed: test modules sharing a broker set the same ones.
    /// </summary>
    public static async Task<ServiceUsersHost> CreateWithServiceUsersAsync(TestServers servers, string prefix)
    {
        var admin = await CreateAsync(servers, prefix);
        var vhost = Uri.UnescapeDataString(new Uri(admin).AbsolutePath.TrimStart('/'));
        var passwords = BrokerAccess.Services.ToDictionary(s => s, ServiceUsersHost.PasswordOf);
        await BrokerAccess.ProvisionAsync(servers.RabbitMqManagement, servers.RabbitMqUsername, servers.RabbitMqPassword, vhost, passwords);
        return new ServiceUsersHost(servers, vhost, admin);
    }

    /// <summary>
    /// Deletes the vhosts this test assembly made, with their queues: a broker shared by a whole test
    /// run slows down badly with hundreds of idle vhosts and their quorum queues.
    /// </summary>
    public static async Task DeleteCreatedAsync(TestServers servers)
    {
        using var http = Management(servers);
        foreach (var name in Created.Keys)
            if (Created.TryRemove(name, out _)) await DeleteAsync(http, name);
    }

    /// <summary>
    /// Deletes the vhost of <paramref name="connectionString"/> once its test is done with it. Kept until the
    /// module's end, a test run's hundreds of vhosts and their queues cost the broker CPU all along (the
    /// management plugin gathers every queue's statistics every 5 s) that the tests beside them need.
    /// </summary>
    public static async Task DeleteAsync(TestServers servers, string connectionString)
    {
        var name = Uri.UnescapeDataString(new Uri(connectionString).AbsolutePath.TrimStart('/'));
        if (!Created.TryRemove(name, out _)) return;
        using var http = Management(servers);
        await DeleteAsync(http, name);
    }

    private static async Task DeleteAsync(HttpClient http, string name)
    {
        try { (await http.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(name)}")).Dispose(); }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { /* the broker may be gone already */ }
    }

    private static HttpClient Management(TestServers servers)
    {
        var http = new HttpClient { BaseAddress = servers.RabbitMqManagement, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{servers.RabbitMqUsername}:{servers.RabbitMqPassword}")));
        return http;
    }
}

/// <summary>A virtual host with the platform's per-service broker users (<see cref="TestVirtualHost.CreateWithServiceUsersAsync"/>).</summary>
public sealed class ServiceUsersHost(TestServers servers, string virtualHost, string admin)
{
    public string VirtualHost { get; } = virtualHost;

    /// <summary>The administrator's connection (the test servers' user: every permission, and the impersonator tag).</summary>
    public string Admin { get; } = admin;

    /// <summary>The amqp:// connection string of <paramref name="service"/>'s own broker user.</summary>
    public string As(string service) =>
        $"amqp://{Uri.EscapeDataString(service)}:{Uri.EscapeDataString(PasswordOf(service))}@{servers.RabbitMqHost}:{servers.RabbitMqPort}/{Uri.EscapeDataString(VirtualHost)}";

    internal static string PasswordOf(string service) => $"{service}-broker-test-password";
}
