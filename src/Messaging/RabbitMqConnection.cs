namespace Platform.Messaging;

/// <summary>
/// The parts of an <c>amqp://user:password@host:port/vhost</c> connection string, and, for a cluster whose nodes the
/// client must find by itself, <c>?cluster=host:port,host:port,…</c>: every node, tried in turn when the connection is lost.
/// (In Kubernetes the cluster's service address stands for all of its nodes, and the parameter is left out.)
/// </summary>
public sealed record RabbitMqConnection(string Host, ushort Port, string VirtualHost, string Username, string Password, bool UseTls = false)
{
    /// <summary>The nodes of the cluster (<c>host:port</c>) where the connection string names them; empty otherwise.</summary>
    public IReadOnlyList<string> ClusterNodes { get; init; } = [];

    public static RabbitMqConnection Parse(string connectionString)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || (uri.Scheme != "amqp" && uri.Scheme != "amqps"))
            throw new InvalidOperationException("The 'messaging' connection string must be an amqp:// URI.");
        var user = uri.UserInfo.Split(':', 2);
        var vhost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        var tls = uri.Scheme == "amqps";
        return new RabbitMqConnection(
            uri.Host,
            (ushort)(uri.IsDefaultPort || uri.Port <= 0 ? (tls ? 5671 : 5672) : uri.Port),
            vhost.Length == 0 ? "/" : vhost,
            user.Length > 0 && user[0].Length > 0 ? Uri.UnescapeDataString(user[0]) : "guest",
            user.Length > 1 ? Uri.UnescapeDataString(user[1]) : "guest",
            tls)
        {
            ClusterNodes = ClusterOf(uri.Query),
        };
    }

    private static string[] ClusterOf(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = pair.IndexOf('=') is var at and >= 0 ? (pair[..at], Uri.UnescapeDataString(pair[(at + 1)..])) : (pair, "");
            if (name == "cluster") return value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        return [];
    }
}
