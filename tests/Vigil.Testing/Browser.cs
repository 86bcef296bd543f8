using Microsoft.Playwright;

namespace Vigil.Testing;

/// <summary>
/// A real headless Chromium for page tests: Debian's <c>chromium</c> (installed by <c>.ci/setup</c>; the environment
/// variable <c>VIGIL_CHROMIUM</c> names another executable), driven by Playwright for .NET through the driver that
/// the Microsoft.Playwright package itself carries (its own Node.js and <c>playwright-core</c>). Nothing is
/// downloaded: Playwright's browser builds are never installed, the executable is given by path.
/// </summary>
/// <remarks>
/// The driver is about 140 MB, so it is copied only into the output of test projects that say
/// <c>&lt;UsesBrowser&gt;true&lt;/UsesBrowser&gt;</c> (see <c>tests/Directory.Build.targets</c>).
/// </remarks>
public sealed class Browser : IAsyncDisposable
{
    /// <summary>The environment variable that names the Chromium executable.</summary>
    public const string EnvironmentVariable = "VIGIL_CHROMIUM";

    private readonly IPlaywright playwright;

    private Browser(IPlaywright playwright, IBrowser instance)
    {
        this.playwright = playwright;
        Instance = instance;
    }

    /// <summary>The Playwright browser, for contexts with options of their own.</summary>
    public IBrowser Instance { get; }

    /// <summary>The Chromium executable: <c>VIGIL_CHROMIUM</c>, else <c>/usr/bin/chromium</c>.</summary>
    public static string ExecutablePath
    {
        get
        {
            string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
            return string.IsNullOrWhiteSpace(configured) ? "/usr/bin/chromium" : configured;
        }
    }

    /// <summary>The folder screenshots are saved to: <c>TestResults/screenshots</c> under the repository root (git-ignored).</summary>
    public static string ScreenshotFolder => Path.Combine(SharedData.RepositoryRoot, "TestResults", "screenshots");

    /// <summary>Starts headless Chromium. Throws, saying what to do, when the executable or the driver is missing.</summary>
    public static async Task<Browser> LaunchAsync(BrowserTypeLaunchOptions? options = null)
    {
        string executable = ExecutablePath;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {executable}. Run .ci/setup (as root: it installs Debian's chromium), " +
                $"or set {EnvironmentVariable} to a Chromium executable.");
        }

        string driver = Path.Combine(AppContext.BaseDirectory, ".playwright", "package", "cli.js");
        if (!File.Exists(driver) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PLAYWRIGHT_DRIVER_SEARCH_PATH")))
        {
            throw new InvalidOperationException(
                $"Playwright's driver is not in this test project's output ({driver}): add <UsesBrowser>true</UsesBrowser> " +
                "to the test project's PropertyGroup.");
        }

        options ??= new BrowserTypeLaunchOptions();
        options.ExecutablePath = executable;
        options.Headless ??= true;
        var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        try
        {
            return new Browser(playwright, await playwright.Chromium.LaunchAsync(options).ConfigureAwait(false));
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A page in a fresh context (its own cookies and storage).</summary>
    public Task<IPage> NewPageAsync(BrowserNewPageOptions? options = null) => Instance.NewPageAsync(options);

    /// <summary>
    /// Saves a full-page PNG of <paramref name="page"/> as <c>&lt;name&gt;.png</c> in <see cref="ScreenshotFolder"/>
    /// and returns its path.
    /// </summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        char[] invalid = [.. Path.GetInvalidFileNameChars(), ' '];
        string file = string.Concat(name.Select(c => invalid.Contains(c) ? '_' : c));
        Directory.CreateDirectory(ScreenshotFolder);
        string path = Path.Combine(ScreenshotFolder, file + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true }).ConfigureAwait(false);
        return path;
    }

    /// <summary>Closes the browser and stops the driver.</summary>
    public async ValueTask DisposeAsync()
    {
        await Instance.CloseAsync().ConfigureAwait(false);
        playwright.Dispose();
    }
}
