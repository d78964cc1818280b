using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEnd.Tests;

/// <summary>Demo region clients, with the development secrets listed in the README.</summary>
internal static class Demo
{
    public const string School = "school-bs-de-linde";
    public const string Municipality = "gemeente-maastricht";

    public static async Task<string?> TokenAsync(HttpClient gateway, string clientId, string? scope = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = $"{clientId}-dev-secret",
        };
        if (scope is not null) form["scope"] = scope;
        var response = await gateway.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        if (!response.IsSuccessStatusCode) return null;
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
    }
}
