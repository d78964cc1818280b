using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Platform.TestInfrastructure;

namespace Platform.Deploy.Tests;

/// <summary>
/// One release image built for real, the way scripts/images.sh builds all of them (#25 point 11): the
/// gateway's (the smallest service), with no registry and no container daemon. A self-contained publish
/// on a root filesystem of Debian packages, assembled by umoci into an OCI layout. The whole set is built by
/// scripts/images.sh and pinned by scripts/release.sh, not in CI (docs/deploy.md, docs/testing.md).
/// </summary>
public sealed class ImageTests(ImageTests.GatewayImage image) : IClassFixture<ImageTests.GatewayImage>
{
    public const string Service = "gateway";
    public const string Version = "9.9.9-ci";

    /// <summary>Builds the gateway's image once for the class, into a temporary folder.</summary>
    public sealed class GatewayImage : IAsyncLifetime
    {
        public string Folder { get; } = Directory.CreateTempSubdirectory("images-").FullName;
        public string Layout => Path.Combine(Folder, Service, "oci");
        public string Reference => $"oci:{Layout}:{Version}";
        public string Digest { get; private set; } = "";
        public string Log { get; private set; } = "";

        public async ValueTask InitializeAsync()
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
            foreach (var a in new[] { Repository.PathOf("scripts", "images.sh"), "--version", Version, Service }) start.ArgumentList.Add(a);
            start.Environment["IMAGES_OUT"] = Folder;
            // The warm compiler server of the run's own build (scripts/images.sh): the same image, a fraction of the CPU.
            start.Environment["IMAGES_REUSE_BUILD_SERVERS"] = "1";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Log = await stdout + await stderr;
            if (process.ExitCode != 0) throw new InvalidOperationException($"scripts/images.sh {Service} failed:\n{Log}");
            Digest = (await File.ReadAllTextAsync(Path.Combine(Folder, Service, "digest"))).Trim();
        }

        public ValueTask DisposeAsync()
        {
            // The run test's mounts live in their own mount namespace and end with it: never delete under a mount.
            var mounts = File.Exists("/proc/self/mountinfo") ? File.ReadAllText("/proc/self/mountinfo") : "";
            if (!mounts.Contains(Folder, StringComparison.Ordinal))
                try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            return ValueTask.CompletedTask;
        }
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<JsonElement> SkopeoAsync(params string[] arguments)
    {
        var (code, output) = await Repository.RunAsync("skopeo", [.. arguments, image.Reference]);
        Assert.True(code == 0, output);
        return JsonDocument.Parse(output).RootElement;
    }

    [Fact]
    public async Task The_image_is_a_valid_OCI_layout_with_its_digest_beside_it_and_two_layers()
    {
        TestContext.Current.TestOutputHelper?.WriteLine(image.Log);
        Assert.Matches("^sha256:[0-9a-f]{64}$", image.Digest);
        var inspect = await SkopeoAsync("inspect");
        Assert.Equal(image.Digest, inspect.GetProperty("Digest").GetString());
        var manifest = await SkopeoAsync("inspect", "--raw");
        Assert.Equal(2, manifest.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("application/vnd.oci.image.config.v1+json", manifest.GetProperty("config").GetProperty("mediaType").GetString());
        Assert.All(manifest.GetProperty("layers").EnumerateArray(),
            l => Assert.Equal("application/vnd.oci.image.layer.v1.tar+gzip", l.GetProperty("mediaType").GetString()));
        // The Debian libraries, then the service: a new release of a service shares the first layer.
        Assert.Equal(2, manifest.GetProperty("layers").GetArrayLength());
        var (code, stat) = await Repository.RunAsync("umoci", ["stat", "--image", $"{image.Layout}:{Version}"]);
        Assert.True(code == 0, stat);
        Assert.Contains("Debian packages libc6", stat);
    }

    [Fact]
    public async Task The_image_runs_as_the_non_root_user_the_manifests_expect_with_no_shell_or_package_manager()
    {
        var config = (await SkopeoAsync("inspect", "--config")).GetProperty("config");
        var user = config.GetProperty("User").GetString()!;
        Assert.Equal("64198:64198", user);
        Assert.Equal("/app/Gateway", config.GetProperty("Entrypoint")[0].GetString());

        // The pods' security context names the same user (deploy/base/common/service-pod.yaml).
        await Repository.EnsureValidatorAsync();
        var deployment = (await Repository.ObjectsAsync(await Repository.RenderAsync("production")))
            .Single(o => o.GetProperty("kind").GetString() == "Deployment" && o.GetProperty("metadata").GetProperty("name").GetString() == Service);
        var security = deployment.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("securityContext");
        Assert.Equal(64198, security.GetProperty("runAsUser").GetInt32());
        Assert.Equal(64198, security.GetProperty("runAsGroup").GetInt32());

        var files = Files().Keys.ToList();
        Assert.Contains("app/Gateway", files);
        Assert.Contains("etc/ssl/certs/ca-certificates.crt", files);
        string[] absent = ["bin/sh", "bin/bash", "usr/bin/sh", "usr/bin/bash", "usr/bin/dpkg", "usr/bin/apt", "usr/bin/dotnet", "usr/share/dotnet/dotnet"];
        Assert.All(absent, path => Assert.DoesNotContain(path, files));
    }

    [Fact]
    public void No_development_settings_demo_password_or_launch_settings_are_in_the_image()
    {
        var files = Files();
        Assert.Contains("app/appsettings.json", files.Keys);
        Assert.DoesNotContain(files.Keys, f => f.Contains("Development", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(files.Keys, f => f.EndsWith("launchSettings.json", StringComparison.Ordinal));
        // The demo region's password (DemoRegion:UserPassword) is set only in appsettings.Development.json.
        Assert.All(files.Where(f => f.Key.EndsWith(".json", StringComparison.Ordinal)),
            f => Assert.DoesNotContain("UserPassword", f.Value ?? ""));
    }

    [Fact]
    public async Task The_SBOM_is_beside_the_image_and_in_it_and_lists_the_runtime_packs_the_packages_and_the_Debian_libraries()
    {
        var beside = await File.ReadAllTextAsync(Path.Combine(image.Folder, Service, "sbom.cdx.json"), Cancel);
        Assert.Equal(beside, Files()["sbom/gateway.cdx.json"]);
        var bom = JsonDocument.Parse(beside).RootElement;
        Assert.Equal("CycloneDX", bom.GetProperty("bomFormat").GetString());
        Assert.Equal($"village-platform/{Service}", bom.GetProperty("metadata").GetProperty("component").GetProperty("name").GetString());
        var purls = bom.GetProperty("components").EnumerateArray()
            .Select(c => c.TryGetProperty("purl", out var p) ? p.GetString()! : "").ToList();
        Assert.Contains(purls, p => p.StartsWith("pkg:nuget/Microsoft.NETCore.App.Runtime.linux-x64@", StringComparison.Ordinal));
        Assert.Contains(purls, p => p.StartsWith("pkg:nuget/Microsoft.AspNetCore.App.Runtime.linux-x64@", StringComparison.Ordinal));
        Assert.Contains(purls, p => p.StartsWith("pkg:nuget/Yarp.ReverseProxy@", StringComparison.Ordinal));
        foreach (var deb in new[] { "libc6", "libssl3", "libicu72", "ca-certificates", "tzdata" })
            Assert.Contains(purls, p => p.StartsWith($"pkg:deb/debian/{deb}@", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_self_contained_service_starts_in_the_images_root_filesystem_as_its_user()
    {
        // Like a container runtime, without one: the image unpacked, /proc and /dev mounted in a mount and
        // PID namespace of its own, the root changed to the image's, the image's user and working directory.
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
            Assert.Skip("needs root for the mount namespace (CI runs as root)");
        var bundle = Path.Combine(image.Folder, "bundle");
        var (code, unpack) = await Repository.RunAsync("umoci", ["unpack", "--image", $"{image.Layout}:{Version}", bundle]);
        Assert.True(code == 0, unpack);
        var rootfs = Path.Combine(bundle, "rootfs");
        Directory.CreateDirectory(Path.Combine(rootfs, "proc"));
        Directory.CreateDirectory(Path.Combine(rootfs, "dev"));
        // Self-contained: no .NET installation in the image, and none lent by the environment.
        Assert.False(Directory.Exists(Path.Combine(rootfs, "usr", "share", "dotnet")));
        Assert.True(File.Exists(Path.Combine(rootfs, "app", "libcoreclr.so")));

        var port = FreePort();
        var start = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var a in new[]
                 {
                     "--mount", "--pid", "--fork", $"--mount-proc={Path.Combine(rootfs, "proc")}", "sh", "-c",
                     "mount --rbind /dev \"$0/dev\" && exec unshare --root=\"$0\" --wd=/app --setgid 64198 --setuid 64198 /app/Gateway", rootfs,
                 })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var status = await Eventually.ValueAsync<HttpStatusCode?>(
                async () => process.HasExited ? null : (await http.GetAsync($"http://127.0.0.1:{port}/alive", Cancel)).StatusCode,
                s => s == HttpStatusCode.OK || process.HasExited, "the gateway's /alive in the image's root filesystem",
                TimeSpan.FromSeconds(90), Cancel);
            string log;
            lock (output) log = output.ToString();
            Assert.True(status == HttpStatusCode.OK, $"/alive answered {status?.ToString() ?? "nothing"}:\n{log}");
            Assert.Contains("Content root path: /app", log);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Cancel);
        }
    }

    /// <summary>What scripts/release.sh does after building, on a copy of deploy/: the digest pinned in the production overlay.</summary>
    [Fact]
    public async Task The_release_step_pins_the_built_digest_into_the_production_overlay_and_ReleaseManifestTests_pass_on_it()
    {
        await Repository.EnsureValidatorAsync();
        var copy = Directory.CreateTempSubdirectory("release-").FullName;
        try
        {
            CopyTree(Repository.PathOf("deploy", "base"), Path.Combine(copy, "base"));
            CopyTree(Repository.PathOf("deploy", "overlays"), Path.Combine(copy, "overlays"));
            var kustomization = Path.Combine(copy, "overlays", "production", "kustomization.yaml");
            var (code, pin) = await Repository.RunAsync("node",
                [Repository.PathOf("deploy", "images", "pin-digests.mjs"), kustomization, image.Folder, "registry.example.org", Service]);
            Assert.True(code == 0, pin);
            var (renderCode, rendered) = await Repository.RunAsync("kubectl", ["kustomize", Path.Combine(copy, "overlays", "production")]);
            Assert.True(renderCode == 0, rendered);
            var images = ReleaseManifestTests.Images(await Repository.ObjectsAsync(rendered));
            Assert.Contains($"registry.example.org/village-platform/gateway@{image.Digest}", images);
            Assert.DoesNotContain(images, i => i.StartsWith("registry.example.org/village-platform/gateway:", StringComparison.Ordinal));
            ReleaseManifestTests.AssertPinned(images);
            Assert.Contains("# A region's production cluster.", await File.ReadAllTextAsync(kustomization, Cancel)); // comments kept
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private Dictionary<string, string?>? files;

    /// <summary>The image's files, from its layers (later layers win), with the text of its JSON files.</summary>
    private Dictionary<string, string?> Files()
    {
        if (files is not null) return files;
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        string Blob(string digest) => Path.Combine(image.Layout, "blobs", "sha256", digest["sha256:".Length..]);
        var manifest = JsonDocument.Parse(File.ReadAllText(Blob(image.Digest))).RootElement;
        foreach (var layer in manifest.GetProperty("layers").EnumerateArray())
        {
            using var stream = new GZipStream(File.OpenRead(Blob(layer.GetProperty("digest").GetString()!)), CompressionMode.Decompress);
            using var tar = new TarReader(stream);
            while (tar.GetNextEntry() is { } entry)
            {
                var name = entry.Name.TrimStart('.', '/').TrimEnd('/');
                if (name.Length == 0) continue;
                string? text = null;
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is not null && name.EndsWith(".json", StringComparison.Ordinal))
                    text = new StreamReader(entry.DataStream).ReadToEnd();
                result[name] = text;
            }
        }
        return files = result;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
