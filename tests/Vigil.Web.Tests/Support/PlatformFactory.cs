using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Vigil.Testing;
using Vigil.Web.Features.Accounts;
using Vigil.Web.Infrastructure.Mail;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Tests.Support;

/// <summary>
/// The whole server in memory on a fresh SQLite file, with a fake clock (set to now), a recording mail sender and
/// the first-start output captured.
/// </summary>
internal sealed partial class PlatformFactory : WebApplicationFactory<Program>
{
    public const string Password = "correct horse battery staple";

    /// <summary>A setting that makes <see cref="Logs"/> capture every level, trace included.</summary>
    public const string TraceLogs = "Vigil:Tests:TraceLogs";

    private readonly TempDirectory _folder = new();
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _realMail;
    private PostgresDatabase? _postgres;

    /// <summary>A server on SQLite, or on PostgreSQL when <paramref name="settings"/> names <c>Vigil:Postgres</c>.</summary>
    /// <param name="settings">Configuration on top of the tests' defaults.</param>
    /// <param name="realMail">Deliver over SMTP (<c>Vigil:Smtp</c>) instead of recording.</param>
    public PlatformFactory(Dictionary<string, string?>? settings = null, bool realMail = false)
    {
        _realMail = realMail;
        DatabasePath = _folder.File("vigil.db");
        _settings = new Dictionary<string, string?>
        {
            ["Vigil:Db"] = DatabasePath,
            ["Vigil:PublicUrl"] = "https://vigil.test",
            ["Vigil:KeyFile"] = _folder.File("report-keys"),
            ["Vigil:RateLimits:SignIn"] = "1000",
            ["Vigil:RateLimits:TwoFactor"] = "1000",
            ["Vigil:RateLimits:Register"] = "1000",
            ["Vigil:RateLimits:Api"] = "1000",
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }
    }

    public string DatabasePath { get; }

    /// <summary>A server on <paramref name="engine"/>: <c>sqlite</c>, or <c>postgres</c> (a fresh database on the tests' server).</summary>
    public static async Task<PlatformFactory> OnAsync(string engine, Dictionary<string, string?>? settings = null, bool realMail = false)
    {
        if (engine == "sqlite")
        {
            return new PlatformFactory(settings, realMail);
        }

        var database = await PostgresServer.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        var all = new Dictionary<string, string?>(settings ?? []) { ["Vigil:Postgres"] = database.ConnectionString };
        return new PlatformFactory(all, realMail) { _postgres = database };
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public RecordingMailSender Mail { get; } = new();

    public StringWriter FirstStartOutput { get; } = new();

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            if (_settings.ContainsKey(TraceLogs))
            {
                // Every level, past the server's own filters: what an operator who turns logging up would see.
                logging.AddFilter<CapturedLogs>(null, Microsoft.Extensions.Logging.LogLevel.Trace);
            }
        });
        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
            if (!_realMail)
            {
                services.Replace(ServiceDescriptor.Singleton<IMailSender>(Mail));
            }

            services.Replace(ServiceDescriptor.Singleton(new FirstStartOutput(FirstStartOutput)));
        });
    }

    /// <summary>A client that keeps cookies, does not follow redirects, and speaks https (the cookies are Secure).</summary>
    public TestBrowser Browser() => new(CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        BaseAddress = new Uri("https://vigil.test"),
        HandleCookies = true,
    }));

    /// <summary>Runs <paramref name="work"/> with a fresh service scope.</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Creates a confirmed user with a password and roles; with <paramref name="totpSecret"/>, 2FA is on.</summary>
    public Task<PlatformUser> CreateUserAsync(string email, string[]? roles = null, string? totpSecret = null) => WithScopeAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<PlatformUser>>();
        var user = new PlatformUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            TotpSecret = totpSecret,
            TwoFactorEnabled = totpSecret is not null,
            CreatedAt = Time.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        await users.AddToRolesAsync(user, roles ?? [Roles.Reporter]);
        return user;
    });

    /// <summary>Reads the database with a fresh context.</summary>
    public Task<T> QueryAsync<T>(Func<PlatformDbContext, Task<T>> query) =>
        WithScopeAsync(services => query(services.GetRequiredService<PlatformDbContext>()));

    /// <summary>The outbox messages to an address, oldest first.</summary>
    public Task<List<OutboxMessage>> OutboxToAsync(string to) =>
        QueryAsync(db => db.Outbox.AsNoTracking().Where(m => m.To == to).OrderBy(m => m.Id).ToListAsync());

    /// <summary>The database's bytes, WAL included, as text: to check that a secret is not stored.</summary>
    public string DatabaseText()
    {
        var text = new System.Text.StringBuilder();
        foreach (string file in new[] { DatabasePath, DatabasePath + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }

    /// <summary>The first-start link's path, from the captured output.</summary>
    public string FirstStartPath()
    {
        _ = Services; // starts the server
        var match = WelcomeLink().Match(FirstStartOutput.ToString());
        Assert.True(match.Success, "no first-start link was printed: " + FirstStartOutput);
        return match.Value;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _folder.Dispose();
            FirstStartOutput.Dispose();
            _postgres?.Dispose();
        }
    }

    [GeneratedRegex(@"/account/welcome/[A-Za-z0-9_\-]+")]
    private static partial Regex WelcomeLink();
}
