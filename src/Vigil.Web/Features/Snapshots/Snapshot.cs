using Vigil.Data.Advisories;

namespace Vigil.Web.Features.Snapshots;

/// <summary>The downloads of one state of the database (<see cref="SnapshotBuilder"/>), in a folder of their own.</summary>
/// <param name="Change">The state they were built from.</param>
/// <param name="Folder">Where the zips are.</param>
/// <param name="Files">The downloads by path under <c>/osv/</c> (<c>all.zip</c>, <c>npm/modified_id.csv</c>, …) and <c>nswg/all.zip</c>.</param>
/// <param name="Ecosystems">The ecosystems, ordered.</param>
internal sealed record Snapshot(AdvisoryChange Change, string Folder, IReadOnlyDictionary<string, SnapshotFile> Files, IReadOnlyList<string> Ecosystems)
{
    /// <summary>Deletes a snapshot's folder; a download still reading one of its files keeps its open file.</summary>
    public static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next start's clean-up of the snapshot root.
        }
    }
}

/// <summary>
/// The current snapshot of this server. Each request reads the database's change counter (one row); only when it
/// moved is the snapshot rebuilt, by one request while the others wait, so that servers sharing one database each
/// build once per change. The previous snapshot's files stay until the next rebuild, for downloads still running.
/// </summary>
internal sealed class SnapshotCache(AdvisoryStore store, ILogger<SnapshotCache> logger) : IDisposable
{
    private readonly SemaphoreSlim _building = new(1, 1);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "vigil-snapshots", Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
    private Snapshot? _current;
    private Snapshot? _previous;

    /// <summary>How many snapshots this server built (for tests and logs).</summary>
    public int Builds { get; private set; }

    /// <summary>The snapshot of the database as it is now.</summary>
    public async Task<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var change = store.Changes();
        if (_current is { } ready && ready.Change.Version >= change.Version)
        {
            return ready;
        }

        await _building.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } built && built.Change.Version >= change.Version)
            {
                return built;
            }

            var snapshot = SnapshotBuilder.Build(store, _root, logger);
            Builds++;
            if (_previous is not null)
            {
                Snapshot.Delete(_previous.Folder);
            }

            _previous = _current;
            _current = snapshot;
            SnapshotLog.Built(logger, snapshot.Change.Version);
            return snapshot;
        }
        finally
        {
            _building.Release();
        }
    }

    public void Dispose()
    {
        _building.Dispose();
        Snapshot.Delete(_root);
    }
}

/// <summary>The snapshot's log messages.</summary>
internal static partial class SnapshotLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Built the snapshot of change {Version}")]
    public static partial void Built(ILogger logger, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} WG records could not be written back in the WG's format and are not in the WG download")]
    public static partial void WgProblems(ILogger logger, int count);
}
