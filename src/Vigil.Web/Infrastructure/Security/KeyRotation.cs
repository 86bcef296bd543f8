using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Features.Deadlines;
using Vigil.Web.Features.Reports;
using Vigil.Web.Infrastructure.Mail;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>How many values a re-seal moved to the current key, by table.</summary>
public sealed record ResealResult(IReadOnlyDictionary<string, int> Resealed, int LeftUnderOtherKeys)
{
    /// <summary>All values moved.</summary>
    public int Total => Resealed.Values.Sum();
}

/// <summary>
/// Key rotation (docs/adr/0005): <c>vigil serve --reseal --new-key</c> appends a new key to the key file (the last
/// key seals) and re-seals every sealed value under it — report texts, reasons, comments, attachments and their
/// names, ballot reasons, TOTP secrets, queued mail and the data protection key ring — opening each with the key it
/// names. Values are re-sealed in batches, each in its own transaction, and only those not yet under the current key:
/// after an interruption every value opens under the old key or the new one (both are in the file), and running
/// <c>--reseal</c> again finishes the work. When it reports no value left under another key, the old key's line can
/// be removed from the file. Run it with the server stopped: a running server knows only the keys it started with.
/// </summary>
public static class KeyRotation
{
    /// <summary>Rows per transaction (attachments: a tenth of it, they are up to 5 MB each).</summary>
    public const int DefaultBatchSize = 200;

    /// <summary>The key file the server uses: <c>Vigil:KeyFile</c>, else <see cref="SecretCipher.DefaultKeyFile"/>.</summary>
    public static string KeyFile(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["Vigil:KeyFile"] is { Length: > 0 } configured ? configured : SecretCipher.DefaultKeyFile();
    }

    /// <summary>Appends a new key to the key file (which must exist and stay private); returns its id.</summary>
    public static string AppendNewKey(string path)
    {
        SecretCipher.OpenOrCreate(path); // the file is valid and private before anything is added
        string id = DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        string text = File.ReadAllText(path);
        string line = (text.Length == 0 || text.EndsWith('\n') ? string.Empty : "\n") + id + " " + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n";
        File.AppendAllText(path, line, Encoding.ASCII);
        return id;
    }

    /// <summary>The command: re-seals under the current key and prints what it did; 0 when no value is left under another key, else 1.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        await using var scope = services.CreateAsyncScope();
        var cipher = scope.ServiceProvider.GetRequiredService<SecretCipher>();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        output.WriteLine($"Re-sealing every value under key {cipher.CurrentKeyId}.");
        var result = await ResealAsync(db, cipher, DefaultBatchSize, (table, count) => output.WriteLine($"  {table}: {count} re-sealed"), cancellationToken);
        output.WriteLine($"Done: {result.Total} values re-sealed; {result.LeftUnderOtherKeys} left under other keys.");
        if (result.LeftUnderOtherKeys == 0)
        {
            output.WriteLine("Every value is sealed under the current key: older keys can now be removed from the key file.");
        }

        return result.LeftUnderOtherKeys == 0 ? 0 : 1;
    }

    /// <summary>
    /// Re-seals every value not under <paramref name="cipher"/>'s current key, <paramref name="batchSize"/> rows per
    /// transaction; <paramref name="afterBatch"/> hears of each committed batch (table, rows).
    /// </summary>
    public static async Task<ResealResult> ResealAsync(PlatformDbContext db, SecretCipher cipher, int batchSize, Action<string, int>? afterBatch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cipher);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var steps = new List<(string Table, Func<int, int, Task<(int Seen, int Changed)>> Batch)>
        {
            ("reports", (skip, n) => Batch(db, db.Reports.OrderBy(r => r.Id), skip, n, r =>
                Move(cipher, r.TitleSealed, ReportService.TitleContext(r.Id), v => r.TitleSealed = v)
                | Move(cipher, r.DescriptionSealed, ReportService.DescriptionContext(r.Id), v => r.DescriptionSealed = v)
                | Move(cipher, r.ProofOfConceptSealed, ReportService.ProofContext(r.Id), v => r.ProofOfConceptSealed = v), cancellationToken)),
            ("report events", (skip, n) => Batch(db, db.ReportEvents.Where(e => e.ReasonSealed != null).OrderBy(e => e.Id), skip, n, e =>
                Move(cipher, e.ReasonSealed!, ReportService.ReasonContext(e.ReportId), v => e.ReasonSealed = v), cancellationToken)),
            ("report comments", (skip, n) => Batch(db, db.ReportComments.OrderBy(c => c.Id), skip, n, c =>
                Move(cipher, c.BodySealed, ReportService.CommentContext(c.ReportId, c.Internal), v => c.BodySealed = v), cancellationToken)),
            ("report attachments", (skip, n) => Batch(db, db.ReportAttachments.OrderBy(a => a.Id), skip, Math.Max(1, n / 10), a =>
                Move(cipher, a.NameSealed, ReportService.AttachmentNameContext(a.ReportId, a.Id), v => a.NameSealed = v)
                | Move(cipher, a.ContentSealed, ReportService.AttachmentContext(a.ReportId, a.Id), v => a.ContentSealed = v), cancellationToken)),
            ("ballots", (skip, n) => Batch(db, db.Ballots.OrderBy(b => b.Id), skip, n, b =>
                Move(cipher, b.ReasonSealed, BallotService.ReasonContext(b.ReportId, b.Id), v => b.ReasonSealed = v), cancellationToken)),
            ("TOTP secrets", (skip, n) => Batch(db, db.Users.Where(u => u.TotpSecret != null).OrderBy(u => u.Id), skip, n, u =>
                MoveText(cipher, u.TotpSecret!, TotpSecrets.Context(u.Id), v => u.TotpSecret = v), cancellationToken)),
            ("outbox", (skip, n) => Batch(db, db.Outbox.OrderBy(m => m.Id), skip, n, m =>
                MoveText(cipher, m.Subject, MailOutbox.Context(m.MessageId, "subject"), v => m.Subject = v)
                | MoveText(cipher, m.TextBody, MailOutbox.Context(m.MessageId, "body"), v => m.TextBody = v), cancellationToken)),
            ("data protection keys", (skip, n) => Batch(db, db.DataProtectionKeys.Where(k => k.Xml != null).OrderBy(k => k.Id), skip, n, k => MoveKeyRing(cipher, k), cancellationToken)),
        };

        foreach (var (table, batch) in steps)
        {
            // Each batch reads the next rows in key order, re-seals those not under the current key and commits.
            counts[table] = 0;
            int skip = 0;
            while (true)
            {
                var (seen, changed) = await batch(skip, batchSize);
                if (seen == 0)
                {
                    break;
                }

                counts[table] += changed;
                if (changed > 0)
                {
                    afterBatch?.Invoke(table, changed);
                }

                skip += seen;
            }
        }

        return new ResealResult(counts, await CountUnderOtherKeysAsync(db, cipher, cancellationToken));
    }

    /// <summary>How many stored values are sealed under a key other than the current one.</summary>
    public static async Task<int> CountUnderOtherKeysAsync(PlatformDbContext db, SecretCipher cipher, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cipher);
        string current = cipher.CurrentKeyId;
        bool Other(byte[]? value) => value is not null && SecretCipher.KeyIdOf(value) != current;
        bool OtherText(string? value) => SecretCipher.IsSealedText(value) && Other(Convert.FromBase64String(value![SecretCipher.TextPrefix.Length..]));
        int count = 0;
        await foreach (var r in db.Reports.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count += (Other(r.TitleSealed) ? 1 : 0) + (Other(r.DescriptionSealed) ? 1 : 0) + (Other(r.ProofOfConceptSealed) ? 1 : 0);
        }

        count += (await db.ReportEvents.AsNoTracking().Select(e => e.ReasonSealed).ToListAsync(cancellationToken)).Count(Other);
        count += (await db.ReportComments.AsNoTracking().Select(c => c.BodySealed).ToListAsync(cancellationToken)).Count(Other);
        count += (await db.ReportAttachments.AsNoTracking().Select(a => a.NameSealed).ToListAsync(cancellationToken)).Count(Other);
        foreach (var id in await db.ReportAttachments.AsNoTracking().Select(a => a.Id).ToListAsync(cancellationToken))
        {
            var content = await db.ReportAttachments.AsNoTracking().Where(a => a.Id == id).Select(a => a.ContentSealed).SingleAsync(cancellationToken);
            count += Other(content) ? 1 : 0;
        }

        count += (await db.Ballots.AsNoTracking().Select(b => b.ReasonSealed).ToListAsync(cancellationToken)).Count(Other);
        count += (await db.Users.AsNoTracking().Select(u => u.TotpSecret).ToListAsync(cancellationToken)).Count(OtherText);
        var mail = await db.Outbox.AsNoTracking().Select(m => new { m.Subject, m.TextBody }).ToListAsync(cancellationToken);
        count += mail.Count(m => OtherText(m.Subject)) + mail.Count(m => OtherText(m.TextBody));
        foreach (string? xml in await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(cancellationToken))
        {
            count += SealedElements(xml).Count(e => Other(Convert.FromBase64String(e.Value)));
        }

        return count;
    }

    private static IEnumerable<XElement> SealedElements(string? xml) =>
        xml is null ? [] : XElement.Parse(xml).Descendants(SealedKeyRingEncryptor.ElementName);

    private static bool MoveKeyRing(SecretCipher cipher, Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey key)
    {
        var root = XElement.Parse(key.Xml!);
        bool changed = false;
        foreach (var element in root.Descendants(SealedKeyRingEncryptor.ElementName).ToList())
        {
            changed |= Move(cipher, Convert.FromBase64String(element.Value), SealedKeyRingEncryptor.Context, v => element.Value = Convert.ToBase64String(v));
        }

        if (changed)
        {
            key.Xml = root.ToString(SaveOptions.DisableFormatting);
        }

        return changed;
    }

    private static bool Move(SecretCipher cipher, byte[] value, string context, Action<byte[]> set)
    {
        if (SecretCipher.KeyIdOf(value) == cipher.CurrentKeyId)
        {
            return false;
        }

        set(cipher.Seal(cipher.OpenBytes(value, context), context));
        return true;
    }

    private static bool MoveText(SecretCipher cipher, string value, string context, Action<string> set)
    {
        if (!SecretCipher.IsSealedText(value))
        {
            return false; // plain values are sealed at start (SecretsAtRest), under the current key
        }

        return Move(cipher, Convert.FromBase64String(value[SecretCipher.TextPrefix.Length..]), context, v => set(SecretCipher.TextPrefix + Convert.ToBase64String(v)));
    }

    private static async Task<(int Seen, int Changed)> Batch<T>(PlatformDbContext db, IQueryable<T> rows, int skip, int size, Func<T, bool> move, CancellationToken cancellationToken)
        where T : class
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await rows.Skip(skip).Take(size).ToListAsync(cancellationToken);
        int changed = batch.Count(move);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (batch.Count, changed);
    }
}
