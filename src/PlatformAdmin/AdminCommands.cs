using System.Text.Json;

namespace Platform.PlatformAdmin;

/// <summary>
/// <c>dotnet run --project src/PlatformAdmin -- &lt;command&gt;</c>: the region's office onboards organisations' API clients.
/// Exit codes: 0 done, 1 refused or failed (the platform's problem answer is printed), 2 not understood (usage printed).
/// </summary>
public static class AdminCommands
{
    public const string Usage = """
        Usage: platform-admin <command> [options]

          keys new --out <prefix>              A key pair for private_key_jwt, made here: <prefix>.private.pem (keep it,
                                               readable by you only) and <prefix>.jwks.json (the public key, to register).
          clients list                         Every organisation's client.
          clients show <clientId>
          clients add <organisationId> (--jwks <file> | --secret) [--client-id <id>] [--roles a,b] [--scopes a,b]
                                               Registers a client of an organisation in the region's directory: with its
                                               public keys (private_key_jwt, preferred) or a secret made and shown once.
          clients keys <clientId> --jwks <file>
                                               Replaces its public keys (rotate: old and new key first, the new alone later).
          clients secret <clientId>            A new secret at once (clients with a secret only).
          clients disable <clientId> [--reason <text>]
                                               No new token from now on; tokens issued run out within their lifetime.
          clients enable <clientId>

        The office's own client, from the environment or options:
          PLATFORM_GATEWAY (--gateway)               the gateway, default http://localhost:5000
          PLATFORM_ADMIN_CLIENT_ID (--admin-client)  a client of the region's office with the role client-admin
          PLATFORM_ADMIN_KEY_FILE                    its private key (PEM, from keys new), for private_key_jwt
          PLATFORM_ADMIN_CLIENT_SECRET               or its secret (the demo region's); never on the command line
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<string, string?> environment,
        CancellationToken ct, HttpMessageHandler? handler = null)
    {
        var (words, options) = Parse(args);
        try
        {
            switch (words)
            {
                case ["keys", "new"] when options.TryGetValue("out", out var prefix):
                    var written = KeyPairs.Create(prefix);
                    await output.WriteLineAsync($"Private key (keep it, never send it): {written.PrivateKeyFile}");
                    await output.WriteLineAsync($"Public key set (register it):        {written.JwksFile}  (kid {written.KeyId})");
                    return 0;
                case ["clients", "list"]:
                    return await CallAsync(HttpMethod.Get, "", null);
                case ["clients", "show", var id]:
                    return await CallAsync(HttpMethod.Get, $"/{Uri.EscapeDataString(id)}", null);
                case ["clients", "add", var organisation]:
                    var jwks = options.TryGetValue("jwks", out var jwksFile) ? ReadJson(jwksFile) : (JsonElement?)null;
                    if (jwks is null == !options.ContainsKey("secret")) return Misuse("Give either --jwks <file> or --secret.");
                    return await CallAsync(HttpMethod.Post, "", new
                    {
                        organisationId = organisation,
                        clientId = options.GetValueOrDefault("client-id"),
                        authentication = jwks is null ? "client_secret" : "private_key_jwt",
                        jwks,
                        roles = List(options, "roles"),
                        scopes = List(options, "scopes"),
                    });
                case ["clients", "keys", var id] when options.TryGetValue("jwks", out var file):
                    return await CallAsync(HttpMethod.Put, $"/{Uri.EscapeDataString(id)}/keys", new { jwks = ReadJson(file) });
                case ["clients", "secret", var id]:
                    return await CallAsync(HttpMethod.Post, $"/{Uri.EscapeDataString(id)}/secret", null);
                case ["clients", "disable", var id]:
                    return await CallAsync(HttpMethod.Post, $"/{Uri.EscapeDataString(id)}/disable", new { reason = options.GetValueOrDefault("reason") });
                case ["clients", "enable", var id]:
                    return await CallAsync(HttpMethod.Post, $"/{Uri.EscapeDataString(id)}/enable", null);
                default:
                    return Misuse(null);
            }
        }
        catch (AdminException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"The gateway did not answer: {ex.Message}");
            return 1;
        }

        int Misuse(string? why)
        {
            if (why is not null) error.WriteLine(why);
            error.WriteLine(Usage);
            return 2;
        }

        async Task<int> CallAsync(HttpMethod method, string path, object? body)
        {
            var gateway = options.GetValueOrDefault("gateway") ?? environment("PLATFORM_GATEWAY") ?? "http://localhost:5000";
            var clientId = options.GetValueOrDefault("admin-client") ?? environment("PLATFORM_ADMIN_CLIENT_ID")
                ?? throw new AdminException("Set PLATFORM_ADMIN_CLIENT_ID (or --admin-client) to a client of the region's office.");
            var credential = environment("PLATFORM_ADMIN_KEY_FILE") is { Length: > 0 } keyFile ? OfficeCredential.FromKeyFile(keyFile)
                : environment("PLATFORM_ADMIN_CLIENT_SECRET") is { Length: > 0 } secret ? OfficeCredential.FromSecret(secret)
                : throw new AdminException("Set PLATFORM_ADMIN_KEY_FILE to the office client's private key (PEM), or PLATFORM_ADMIN_CLIENT_SECRET to its secret.");
            if (!Uri.TryCreate(gateway.TrimEnd('/') + "/", UriKind.Absolute, out var address))
                throw new AdminException($"Not an address: {gateway}");
            // The office's secret crosses this connection: only over TLS, except to this machine.
            if (address.Scheme != Uri.UriSchemeHttps && !address.IsLoopback)
                throw new AdminException($"{gateway}: the gateway is reached over https only (http only on this machine).");
            var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
            http.BaseAddress = address;
            using var client = new GatewayClient(http, clientId, credential);
            using var response = await client.SendAsync(method, "api/identity/clients" + path, body, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            var pretty = Pretty(text);
            if (response.IsSuccessStatusCode)
            {
                await output.WriteLineAsync(pretty);
                return 0;
            }
            await error.WriteLineAsync($"{(int)response.StatusCode} {response.ReasonPhrase}");
            await error.WriteLineAsync(pretty);
            return 1;
        }
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The answer as indented JSON; an answer that is not JSON (a proxy's error page) as it came.</summary>
    private static string Pretty(string text)
    {
        try { return text.Length > 0 ? JsonSerializer.Serialize(JsonDocument.Parse(text).RootElement, Indented) : ""; }
        catch (JsonException) { return text.Length > 2000 ? text[..2000] : text; }
    }

    private static (string[] Words, Dictionary<string, string> Options) Parse(string[] args)
    {
        var words = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) { words.Add(args[i]); continue; }
            var name = args[i][2..];
            // A flag (--secret) or an option with its value (--jwks file).
            options[name] = name == "secret" || i + 1 >= args.Length ? "" : args[++i];
        }
        return ([.. words], options);
    }

    private static string[]? List(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null;

    private static JsonElement ReadJson(string file)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(file)).RootElement.Clone();
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new AdminException($"Cannot read {file} as JSON: {ex.Message}");
        }
    }
}
