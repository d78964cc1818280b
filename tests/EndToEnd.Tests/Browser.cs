using Microsoft.Playwright;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Headless Chromium from Debian's package (/usr/bin/chromium), driven by Playwright: never a
/// browser Playwright downloads. The flags keep it off the network this machine does not have.
/// </summary>
internal static class Browser
{
    public const string Chromium = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(File.Exists(Chromium), "Debian's chromium is needed for the browser tests: apt-get install -y chromium (scripts/test.sh does).");
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        return (playwright, browser);
    }

    /// <summary>Where a test leaves its screenshots: the test output folder, copied into docs/ by hand when they change.</summary>
    public static string ScreenshotPath(string name) => Path.Combine(AppContext.BaseDirectory, "screenshots", name);
}
