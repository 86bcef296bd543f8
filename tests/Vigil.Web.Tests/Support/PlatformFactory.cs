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
            ["Vigil:RateLimits:PasswordReset"] = "1000",
            // The deadline worker runs only when a test asks: tests that advance the fake clock call its pass themselves.
            ["Vigil:Deadlines:Worker"] = "false",
            // Likewise the activity checks' worker: offboarding tests call its pass after advancing the clock.
            ["Vigil:Offboarding:Worker"] = "false",
            // Tests never ask the real registry: the package check is off unless a test turns it on with a FakeRegistry.
            ["Vigil:Reports:CheckPackageOnRegistry"] = "false",
            // No load balancer to drain: a test host stops at once.
            ["Vigil:Shutdown:DrainSeconds"] = "0",
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }
    }

    public string DatabasePath { get; }

    /// <summary>A server on <paramref name="engine"/>: <c>sqlite</c>, or <c>postgres</c> (a fresh database on the tests' server).</summary>
    /// <param name="engine">The database engine.</param>
    /// <param name="settings">Configuration on top of the tests' defaults.</param>
    /// <param name="realMail">Deliver over SMTP (<c>Vigil:Smtp</c>) instead of recording.</param>
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

    /// <summary>A setting this server was started with (the tests' defaults and the caller's).</summary>
    public string? Setting(string key) => _settings.GetValueOrDefault(key);

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
            TwoFactorEnabled = totpSecret is not null,
            CreatedAt = Time.GetUtcNow().UtcDateTime,
        };
        if (totpSecret is not null)
        {
            TotpSecrets.Set(user, totpSecret, services.GetRequiredService<SecretCipher>());
        }
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        await users.AddToRolesAsync(user, roles ?? [Roles.Reporter]);
        return user;
    });

    /// <summary>Reads the database with a fresh context.</summary>
    public Task<T> QueryAsync<T>(Func<PlatformDbContext, Task<T>> query) =>
        WithScopeAsync(services => query(services.GetRequiredService<PlatformDbContext>()));

    /// <summary>The outbox messages to an address, oldest first, opened as the delivery worker opens them (they are stored sealed).</summary>
    public async Task<List<OutboxMessage>> OutboxToAsync(string to)
    {
        var stored = await QueryAsync(db => db.Outbox.AsNoTracking().Where(m => m.To == to).OrderBy(m => m.Id).ToListAsync());
        var cipher = Services.GetRequiredService<SecretCipher>();
        return [.. stored.Select(m => MailOutbox.Open(m, cipher))];
    }

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

    /// <summary>
    /// Everything the database holds, as text: on SQLite the file's bytes (WAL included), on PostgreSQL every row of
    /// every table as PostgreSQL prints it (byte columns as <c>\x</c> and hex).
    /// </summary>
    public async Task<string> StoredDataAsync()
    {
        if (Setting("Vigil:Postgres") is null)
        {
            return DatabaseText();
        }

        return await QueryAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            Assert.NotEmpty(tables);
            var text = new System.Text.StringBuilder();
            foreach (string table in tables)
            {
                await using var rows = connection.CreateCommand();
                rows.CommandText = $"SELECT CAST(t AS text) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\" t";
                await using var reader = await rows.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    text.Append(table).Append(": ").AppendLine(reader.GetString(0));
                }
            }

            return text.ToString();
        });
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
