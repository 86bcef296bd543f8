using Microsoft.EntityFrameworkCore;
using Vigil.Disclosure.AuditTrail;
using Vigil.Web.Features.Reports;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Infrastructure.Audit;

/// <summary>
/// Appends to the audit log in the same <c>SaveChanges</c> as the change it records: the caller records entries, then
/// saves through <see cref="SaveChangesAsync"/>, which chains them onto the stored head and commits both together.
/// Appends are serialized in this process; across instances on PostgreSQL a transaction-level advisory lock
/// serialises them (the second instance's append waits and chains onto the first's head), and the head row's
/// concurrency token remains the last guard: a writer that still raced fails rather than forking the chain.
/// </summary>
public sealed class AuditLog(PlatformDbContext db, TimeProvider time)
{
    /// <summary>The PostgreSQL advisory lock key of appends: "VIGIL" and 2, as a bigint.</summary>
    public const long AppendLockKey = 0x56_49_47_49_4C_02;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private readonly List<(string Actor, string Action, string Subject, string Detail)> _pending = [];
    private bool _holding;

    /// <summary>Records an entry to be written by the next <see cref="SaveChangesAsync"/>. Never put report contents in <paramref name="detail"/>.</summary>
    public void Record(string actor, string action, string subject, string detail = "") => _pending.Add((actor, action, subject, detail));

    /// <summary>
    /// Takes the append gate until the result is disposed, for a caller that saves through <see cref="SaveChangesAsync"/>
    /// inside a database transaction of its own: the gate must be taken before the transaction's locks, never while
    /// holding them, or a writer holding the gate and waiting for those locks would wait for ever.
    /// </summary>
    public async Task<IAsyncDisposable> HoldAsync(CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        _holding = true;
        return new Held(this);
    }

    /// <summary>Chains the recorded entries onto the log and saves every pending change of the context at once.</summary>
    public async Task SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        bool mine = !_holding;
        if (mine)
        {
            await Gate.WaitAsync(cancellationToken);
        }

        try
        {
            // Another instance's append: wait for its commit (the lock ends with the transaction), then read its head.
            await using var own = db.Database.IsNpgsql() && _pending.Count > 0 && db.Database.CurrentTransaction is null
                ? await db.Database.BeginTransactionAsync(cancellationToken)
                : null;
            if (db.Database.IsNpgsql() && _pending.Count > 0)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AppendLockKey})", cancellationToken);
            }

            var head = await db.AuditHead.SingleOrDefaultAsync(h => h.Id == 1, cancellationToken);
            if (head is not null && db.Database.IsNpgsql())
            {
                // Loaded earlier by this context: the values another instance committed since then count.
                await db.Entry(head).ReloadAsync(cancellationToken);
            }
            AuditEntry? last = head is null ? null : new AuditEntry(head.Sequence, default, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, head.Hash);
            foreach (var (actor, action, subject, detail) in _pending)
            {
                var entry = AuditChain.Append(last, time.GetUtcNow(), actor, action, subject, detail);
                db.AuditLog.Add(new AuditRecord
                {
                    Sequence = entry.Sequence,
                    TimeTicks = entry.Time.UtcTicks,
                    Actor = entry.Actor,
                    Action = entry.Action,
                    Subject = entry.Subject,
                    Detail = entry.Detail,
                    PreviousHash = entry.PreviousHash,
                    Hash = entry.Hash,
                });
                last = entry;
            }

            if (last is not null && _pending.Count > 0)
            {
                if (head is null)
                {
                    db.AuditHead.Add(new AuditHeadRecord { Id = 1, Sequence = last.Sequence, Hash = last.Hash });
                }
                else
                {
                    head.Sequence = last.Sequence;
                    head.Hash = last.Hash;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            _pending.Clear();
        }
        finally
        {
            if (mine)
            {
                Gate.Release();
            }
        }
    }

    private sealed class Held(AuditLog log) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                log._holding = false;
                Gate.Release();
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Reads the whole log and checks it against the stored head.</summary>
    public static async Task<AuditVerification> VerifyAsync(PlatformDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entries = (await db.AuditLog.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync(cancellationToken)).Select(ToEntry).ToList();
        var head = await db.AuditHead.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, cancellationToken);
        var expected = head is null ? null : new AuditEntry(head.Sequence, default, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, head.Hash);
        return AuditVerifier.Verify(entries, expected);
    }

    /// <summary>The stored record as the trail's entry.</summary>
    public static AuditEntry ToEntry(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new AuditEntry(record.Sequence, new DateTimeOffset(record.TimeTicks, TimeSpan.Zero), record.Actor, record.Action, record.Subject, record.Detail, record.PreviousHash, record.Hash);
    }
}
