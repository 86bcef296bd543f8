namespace Vigil.Web;

/// <summary>The server's options, for <c>--help</c> and the command line.</summary>
internal static class ServerHelp
{
    /// <summary>Short options mapped to configuration keys.</summary>
    public static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["--db"] = "Vigil:Db",
        ["--postgres"] = "Vigil:Postgres",
        ["--public-url"] = "Vigil:PublicUrl",
    };

    public const string Text = """
        Usage: vigil serve [options]

        Runs Vigil's disclosure platform: pages for people, a JSON API under /api for tools.

        Options:
          --urls <urls>             Where to listen (default http://localhost:5000), e.g. http://127.0.0.1:8080
          --db <file>               The SQLite database (default: $VIGIL_DB, else vigil/vigil.db in the user's
                                    local data folder, the same file as `vigil db`)
          --postgres <connection>   Use PostgreSQL instead (or the setting Vigil:Postgres)
          --public-url <url>        The address people use, for links in e-mails (Vigil:PublicUrl); with
                                    https, cookies are always Secure (set it behind a TLS proxy)
          --reseal [--new-key]      Key rotation, with the server stopped: --new-key adds a key to the key file;
                                    then every sealed value is re-sealed under the file's last key, and the program
                                    exits. After an interruption run --reseal again (values open under either key);
                                    when it reports none left under other keys, remove the old key's line.

        Settings (appsettings.json, environment VIGIL__..., or --Vigil:Key=value):
          Vigil:Smtp:Host, Port, From, User, Password, UseTls   E-mail delivery (the outbox waits without a host)
          Vigil:AdminEmail                                      The first administrator's address
          Vigil:KeyFile                                         The key file that seals reports, TOTP secrets, the
                                                                cookie key ring and queued mail (default
                                                                vigil/report-keys in the user's config folder)
          Vigil:RateLimits:SignIn, TwoFactor, Register, Api, PublicApi, WindowSeconds
          Vigil:NpmRegistry, Vigil:NpmUserConfig                The registry for maintainer look-ups (else npmrc, as npm)
          Vigil:Maintainers:MaxPackumentMegabytes, TimeoutSeconds  Look-up limits (default 64 MB, 20 s)
          Vigil:Reports:CheckPackageOnRegistry, PackageCheckSeconds  Refuse reports on packages the registry does
                                                                not have (default on, 5 s; an unreachable registry
                                                                never blocks a report: triagers get a note)
          Vigil:Deadlines:Worker, PollSeconds, DigestHourUtc    The clock: publication at deadlines, the daily digest
          Vigil:Disclosure:FirstResponseBusinessDays, PublicationDays, Holidays  The disclosure policy (default 2
                                                                business days, 45 days, no holidays; holidays as
                                                                yyyy-MM-dd): the clocks and /policies read the same
          Vigil:Group:ObjectionWindowDays, EmployerShareNumerator, EmployerShareDenominator, TriageTeamMinimum,
                      ActivityCheckMonths, ReminderDays, EmeritusDays, ReturnGraceDays  The group's rules
                                                                (default 7, 1/3, 5, 6 months, 14, 28, 28 days)
          Vigil:Shutdown:DrainSeconds, TimeoutSeconds           On SIGTERM: readiness 503 and still serving for the
                                                                drain (default 2 s), then requests in flight get the
                                                                timeout (default 30 s)

        Probes: GET /health/live (the process runs), GET /health/ready (200 or 503: migrated, database answers,
        not stopping). Several instances may share one PostgreSQL database and one key file (docs/adr/0008).

        On first start, with no administrator who can sign in, a one-time sign-in link is printed here.
        Exit codes: 0 stopped normally (or re-sealed all), 1 values left under other keys, 2 bad switches or settings,
        4 database or key file error.
        """;
}
