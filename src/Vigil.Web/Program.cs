using Vigil.Web.Infrastructure.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--db"] = "Vigil:Db", ["--postgres"] = "Vigil:Postgres" });
builder.Services.AddPersistence(builder.Configuration);
var app = builder.Build();
await app.Services.MigratePlatformDatabaseAsync();
await app.RunAsync();

/// <summary>The server's entry point, public for the tests' WebApplicationFactory.</summary>
public partial class Program;
