using Platform.PlatformAdmin;

namespace Platform.EndToEnd.Tests.Onboarding;

/// <summary>
/// The region's office's tool (<c>platform-admin</c>), run as the office runs it: the gateway's address, the office's
/// client, and its credential from the environment (<c>PLATFORM_ADMIN_KEY_FILE</c> for its private key, or
/// <c>PLATFORM_ADMIN_CLIENT_SECRET</c> for the demo region's secret), never on the command line.
/// </summary>
internal static class OfficeTool
{
    public static async Task<int> RunAsync(Uri gateway, string officeClient, (string Variable, string Value) credential, ITestOutputHelper output,
        CancellationToken ct, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var environment = new Dictionary<string, string>
        {
            ["PLATFORM_GATEWAY"] = gateway.ToString(),
            ["PLATFORM_ADMIN_CLIENT_ID"] = officeClient,
            [credential.Variable] = credential.Value,
        };
        var code = await AdminCommands.RunAsync(args, stdout, stderr, name => environment.GetValueOrDefault(name), ct);
        output.WriteLine($"platform-admin {string.Join(' ', args)} → {code}\n{stdout}{stderr}");
        return code;
    }
}
