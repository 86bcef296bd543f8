using Vigil.Data;
using Vigil.Web;
using Vigil.Web.Features.Accounts;
using Vigil.Web.Features.Deadlines;
using Vigil.Web.Features.Maintainers;
using Vigil.Web.Features.Publication;
using Vigil.Web.Features.Reports;
using Vigil.Web.Features.Snapshots;
using Vigil.Web.Infrastructure;
using Vigil.Web.Infrastructure.Mail;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

// vigil-server: the disclosure platform (docs/adr/0005). `vigil serve [options]` runs it.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(ServerHelp.Text);
    return 0;
}

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
builder.Services
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
    .AddDeadlines(builder.Configuration);

var app = builder.Build();
try
{
    await app.Services.MigratePlatformDatabaseAsync();
    await app.Services.SealPlainSecretsAsync();
}
catch (DatabaseException e)
{
    Console.Error.WriteLine($"vigil-server: {e.Message}");
    return 4;
}

await app.PrepareAccountsAsync();
app.PrepareReports();

app.UsePlatformPipeline();
app.MapPagesAndDocs();
app.MapReportDownloads();
app.MapPublication();
app.MapSnapshots();
var api = app.MapApiGroup();
api.MapAccounts();
api.MapReports();
api.MapBallots();

await app.RunAsync();
return 0;

/// <summary>The server's entry point, public for the tests' WebApplicationFactory.</summary>
public partial class Program;
