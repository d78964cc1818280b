using System.Diagnostics;
using System.Text.Json;

namespace Platform.Deploy.Tests;

/// <summary>The repository's files and the tools the deploy checks use: kubectl (kustomize) and node.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
        throw new InvalidOperationException("Platform.sln not found above the test's folder.");
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, string? stdin = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null,
            WorkingDirectory = workingDirectory ?? Root,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{program} is needed for the deploy checks (kubectl with kustomize, node and npm are on our build machines).", ex);
        }
        using var _ = process;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The overlay as Kubernetes will receive it (rendered once per run: the tests only read it).</summary>
    public static Task<string> RenderAsync(string overlay) => Rendered.GetOrAdd(overlay, RenderOnceAsync);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<string>> Rendered = new();

    private static async Task<string> RenderOnceAsync(string overlay)
    {
        var (code, output) = await RunAsync("kubectl", ["kustomize", PathOf("deploy", "overlays", overlay)]);
        Assert.True(code == 0, $"kubectl kustomize {overlay} failed: {output}");
        return output;
    }

    /// <summary>The validator's node packages, installed once per run from its lock file.</summary>
    public static async Task EnsureValidatorAsync()
    {
        await Installed.Value;
    }

    private static readonly Lazy<Task> Installed = new(async () =>
    {
        var folder = PathOf("deploy", "validate");
        if (Directory.Exists(Path.Combine(folder, "node_modules", "kubernetes-models"))) return;
        var (code, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], workingDirectory: folder);
        if (code != 0) throw new InvalidOperationException($"npm ci in deploy/validate failed: {output}");
    });

    public static Task<(int ExitCode, string Output)> ValidateAsync(string manifests) =>
        RunAsync("node", [PathOf("deploy", "validate", "validate.mjs")], stdin: manifests);

    /// <summary>The rendered objects as JSON, parsed by the validator's own YAML reader.</summary>
    public static async Task<List<JsonElement>> ObjectsAsync(string manifests)
    {
        var (code, output) = await RunAsync("node", [PathOf("deploy", "validate", "to-json.mjs")], stdin: manifests);
        Assert.True(code == 0, output);
        return [.. JsonDocument.Parse(output).RootElement.EnumerateArray()];
    }
}
