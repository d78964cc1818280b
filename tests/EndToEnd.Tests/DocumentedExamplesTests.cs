using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Platform.EndToEnd.Tests.Contracts;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Every example a reader copies must work: the <c>bash</c> blocks of README.md and docs/api/*.md
/// that call the gateway (<c>localhost:5000</c>) run, file by file in the order they are written
/// (later blocks use the variables of earlier ones), against this suite's platform, with curl
/// failing on any HTTP error. Blocks that are not meant to run against a gateway use another
/// language tag (<c>sh</c>, <c>console</c>).
/// </summary>
public sealed partial class DocumentedExamplesTests(PlatformFixture platform)
{
    public static TheoryData<string> Documents() =>
    [
        .. new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(Repository.Root(), "docs", "api"), "*.md")
                .Select(f => Path.GetRelativePath(Repository.Root(), f)).Order(StringComparer.Ordinal))
            .Where(f => Examples(f).Count > 0),
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task The_examples_of_a_document_run_against_the_gateway(string document)
    {
        var ct = TestContext.Current.CancellationToken;
        var gateway = platform.Gateway.BaseAddress!;
        var script = new StringBuilder("""
            set -euo pipefail
            # An HTTP error fails the example (the reader would see it as one); a 429 of the gateway's
            # token limit (60 a minute per address, shared with the suite's other tests) is waited out.
            curl() { command curl --fail-with-body --silent --show-error --retry 20 --retry-max-time 120 "$@"; }

            """);
        foreach (var block in Examples(document))
            script.AppendLine(block.Replace("localhost:5000", $"{gateway.Host}:{gateway.Port}", StringComparison.Ordinal));

        var work = Directory.CreateTempSubdirectory("examples-");
        try
        {
            var start = new ProcessStartInfo("bash", ["-c", script.ToString()])
            {
                WorkingDirectory = work.FullName, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            using var bash = Process.Start(start)!;
            var output = bash.StandardOutput.ReadToEndAsync(ct);
            var errors = bash.StandardError.ReadToEndAsync(ct);
            await bash.WaitForExitAsync(ct);
            Assert.True(bash.ExitCode == 0,
                $"An example in {document} failed (exit {bash.ExitCode}):\n{await errors}\n--- output ---\n{Tail(await output)}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static List<string> Examples(string document) =>
        [.. Block().Matches(File.ReadAllText(Path.Combine(Repository.Root(), document)))
            .Select(m => m.Groups["body"].Value).Where(b => b.Contains("localhost:5000", StringComparison.Ordinal))];

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];

    [GeneratedRegex(@"^```bash[ \t]*\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Block();
}
