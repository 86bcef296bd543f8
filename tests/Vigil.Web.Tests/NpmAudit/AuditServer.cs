using Microsoft.Extensions.DependencyInjection;
using Vigil.Audit;
using Vigil.Audit.Ignoring;
using Vigil.Data.Advisories;
using Vigil.Lockfiles;
using Vigil.Testing;
using Vigil.Web.Features.OsvApi;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.NpmAudit;

/// <summary>
/// The server on a real loopback socket (SQLite file) with the Node.js Security WG's advisories imported, shared by a
/// test class; and what <c>vigil audit</c>'s auditor finds in a lockfile against the same database.
/// </summary>
public sealed class AuditServer : IAsyncLifetime
{
    private PlatformFactory? _factory;

    /// <summary>The server.</summary>
    internal PlatformFactory Factory => _factory ?? throw new InvalidOperationException("not started");

    /// <summary>Its base URL, without a trailing slash.</summary>
    public string Url => Factory.Url();

    /// <inheritdoc/>
    public ValueTask InitializeAsync() => StartAsync(null);

    /// <summary>Starts the server with <paramref name="settings"/> and imports the WG's advisories.</summary>
    internal async ValueTask StartAsync(Dictionary<string, string?>? settings)
    {
        _factory = await LiveServer.StartAsync("sqlite", settings);
        var store = _factory.Services.GetRequiredService<AdvisoryStore>();
        var report = new AdvisoryImporter(store, TimeProvider.System).Import([SharedData.NodejsSecurityWg]);
        Assert.True(report.Summary.Count(ImportOutcome.Added) > 100, "the WG's advisories were not imported");
        // The endpoints answer from the in-memory index, which follows the database within a second: catch it up now.
        _factory.Services.GetRequiredService<AdvisorySnapshot>().Refresh();
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _factory?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The (package, advisory) pairs the auditor finds in <paramref name="lockfile"/>, dev dependencies included.</summary>
    public SortedSet<string> VigilFindings(string lockfile)
    {
        var read = LockfileReaders.Read(lockfile);
        var parsed = read.Lockfile ?? throw new InvalidOperationException($"{lockfile}: {read.Error}");
        var auditor = new Auditor(new StoreAdvisoryLookup(Factory.Services.GetRequiredService<AdvisoryStore>()));
        var report = auditor.Audit(parsed, new AuditOptions(false, false, false, IgnoreList.Empty, DateOnly.FromDateTime(DateTime.UtcNow)));
        return new SortedSet<string>(report.Findings.Select(f => Pair(f.Package.Name, f.Advisory.Id)), StringComparer.Ordinal);
    }

    /// <summary>How a finding is compared: <c>package advisory</c>.</summary>
    public static string Pair(string package, string advisory) => package + " " + advisory;
}
