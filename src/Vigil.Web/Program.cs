using Vigil.Data;
using Vigil.Web;
using Vigil.Web.Features.Accounts;
using Vigil.Web.Features.AuthorKeys;
using Vigil.Web.Features.Deadlines;
using Vigil.Web.Features.Maintainers;
using Vigil.Web.Features.Meetings;
using Vigil.Web.Features.Members;
using Vigil.Web.Features.Nominations;
using Vigil.Web.Features.NpmAudit;
using Vigil.Web.Features.Offboarding;
using Vigil.Web.Features.OsvApi;
using Vigil.Web.Features.PolicyPages;
using Vigil.Web.Features.Publication;
using Vigil.Web.Features.Reports;
using Vigil.Web.Features.Snapshots;
using Vigil.Web.Features.TriageTeam;
using Vigil.Web.Infrastructure;
using Vigil.Web.Infrastructure.Mail;
using Vigil.Web.Infrastructure.Operations;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

// vigil-server: the disclosure platform (docs/adr/0005). `vigil serve [options]` runs it.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(ServerHelp.Text);
    return 0;
}

// Key rotation (Infrastructure/Security/KeyRotation): `--reseal [--new-key]` re-seals every sealed value and exits.
// The switches take no value: they are taken out before the configuration reads the command line.
bool reseal = args.Contains("--reseal");
bool newKey = args.Contains("--new-key");
if (newKey && !reseal)
{
    Console.Error.WriteLine("vigil-server: --new-key goes with --reseal.");
    return 2;
}

args = [.. args.Where(a => a is not ("--reseal" or "--new-key"))];

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // Published (dist/vigil-server): the static files are beside the program, wherever it is started from.
    ContentRootPath = Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot")) ? AppContext.BaseDirectory : null,
});
// Request paths and queries carry one-time tokens (the first-start link, e-mail confirmation): no request logging.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
builder.Configuration.AddCommandLine(args, ServerHelp.Switches);
builder.AddRequestLimits();
try
{
    // The WG's numbers (Features/PolicyPages): a bad one stops the server here, named, before anything starts.
    builder.Services.AddPolicies(builder.Configuration);
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine($"vigil-server: {e.Message}");
    return 2;
}

builder.Services
    .AddHealth(builder.Configuration)
    .AddPersistence(builder.Configuration)
    .AddPlatformSecurity(builder.Configuration)
    .AddProxySupport(builder.Configuration)
    .AddRateLimits(builder.Configuration)
    .AddMail(builder.Configuration)
    .AddPagesAndApi()
    .AddAccounts()
    .AddReports(builder.Configuration)
    .AddMaintainers(builder.Configuration)
    .AddPublication(builder.Configuration)
    .AddSnapshots()
    .AddDeadlines(builder.Configuration)
    .AddOsvApi(builder.Configuration)
    .AddNpmAudit(builder.Configuration)
    .AddAuthorKeys()
    .AddMembers()
    .AddNominations(builder.Configuration)
    .AddMeetings()
    .AddTriageTeam()
    .AddOffboarding(builder.Configuration);

if (newKey)
{
    try
    {
        Console.WriteLine($"Added key {KeyRotation.AppendNewKey(KeyRotation.KeyFile(builder.Configuration))} to the key file; it seals from now on.");
    }
    catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"vigil-server: {e.Message}");
        return 4;
    }
}

var app = builder.Build();
// Several instances may start at once over one PostgreSQL database: one at a time runs the start-up steps (docs/adr/0008).
await using (await app.Services.HoldStartupLockAsync())
{
    try
    {
        await app.Services.MigratePlatformDatabaseAsync();
        await app.Services.SealPlainSecretsAsync();
        if (reseal)
        {
            return await KeyRotation.RunAsync(app.Services, Console.Out);
        }
    }
    catch (DatabaseException e)
    {
        Console.Error.WriteLine($"vigil-server: {e.Message}");
        return 4;
    }

    app.Services.EnsureKeyRing();
    await app.PrepareAccountsAsync();
}

app.Services.GetRequiredService<Readiness>().MarkMigrated();
app.PrepareReports();

app.UsePlatformPipeline();
app.MapPagesAndDocs();
app.MapHealth();
app.MapReportDownloads();
app.MapPublication();
app.MapPolicies();
app.MapOsvApi();
app.MapNpmAudit();
app.MapSnapshots();
app.MapKeyring();
app.MapMeetings();
var api = app.MapApiGroup();
api.MapAccounts();
api.MapReports();
api.MapBallots();
api.MapAuthorKeys();

await app.RunAsync();
return 0;

/// <summary>The server's entry point, public for the tests' WebApplicationFactory.</summary>
public partial class Program;
