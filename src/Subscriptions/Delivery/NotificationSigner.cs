using System.Security.Cryptography;
using System.Text;

namespace Platform.Subscriptions.Delivery;

/// <summary>
/// <c>Village-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;body&gt;")&gt;</c>.
/// The timestamp is signed with the body, so a receiver can reject an old (replayed) request and
/// any change to the body. See samples/NotificationReceiver for the receiving side.
/// </summary>
public static class NotificationSigner
{
    public const string SignatureHeader = "Village-Signature";
    public const string DeliveryHeader = "Village-Delivery";

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string body, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds();
        var mac = HMACSHA256.HashData(Convert.FromBase64String(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }
}
