using System.Text;
using Vigil.Advisories.Nswg.Json;

namespace Vigil.Advisories.Nswg;

/// <summary>
/// Writes records back to the WG's JSON: the members in the record's original key order (new members in the
/// WG's usual order), extra keys included, numbers with their original text, laid out as
/// <see cref="NswgRecord.Format"/> says (the WG's usual layout for the kind when it is null). A record read
/// from a file that <c>JSON.stringify</c> (or <c>json.dumps</c> with <c>ensure_ascii</c>) could have written
/// is written back byte for byte; other files come back as the same JSON with regular whitespace.
/// </summary>
public static class NswgWriter
{
    /// <summary>The record as UTF-8 JSON bytes.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    /// <exception cref="ArgumentException">An extra member has the name of a typed field (e.g. <c>id</c>), which would write the key twice.</exception>
    public static byte[] Write(NswgRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var emitter = new JsonEmitter(record.Format ?? NswgFormat.ForKind(record.Kind));
        var members = new RecordEmitter(emitter);
        switch (record)
        {
            case NswgNpmRecord npm:
                AddMembers(members, npm);
                break;
            case NswgCoreRecord core:
                AddMembers(members, core);
                break;
            case NswgDepsRecord deps:
                AddMembers(members, deps);
                break;
            default:
                throw new ArgumentException("Unknown record type.", nameof(record));
        }

        members.Emit(record.KeyOrder, record.Extra);
        return emitter.ToUtf8();
    }

    /// <summary>The record as JSON text (without a byte order mark).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    /// <exception cref="ArgumentException">An extra member has the name of a typed field.</exception>
    public static string WriteString(NswgRecord record)
    {
        var bytes = Write(record);
        var body = bytes.AsSpan();
        return Encoding.UTF8.GetString(body.StartsWith("\uFEFF"u8) ? body[3..] : body);
    }

    private static void AddMembers(RecordEmitter m, NswgNpmRecord r)
    {
        m.Number("id", r.Id);
        m.String("created_at", r.CreatedAt);
        m.String("updated_at", r.UpdatedAt);
        m.String("title", r.Title);
        m.Author("author", r.Author);
        m.String("module_name", r.ModuleName);
        m.String("publish_date", r.PublishDate);
        m.Strings("cves", r.Cves);
        m.String("vulnerable_versions", r.VulnerableVersions);
        m.String("patched_versions", r.PatchedVersions);
        m.String("overview", r.Overview);
        m.String("recommendation", r.Recommendation);
        m.Strings("references", r.References);
        m.String("cvss_vector", r.CvssVector);
        m.Number("cvss_score", r.CvssScore);
        m.String("coordinating_vendor", r.CoordinatingVendor);
    }

    private static void AddMembers(RecordEmitter m, NswgCoreRecord r)
    {
        m.Strings("cve", r.Cve);
        m.String("vulnerable", r.Vulnerable);
        m.String("patched", r.Patched);
        m.String("ref", r.Ref);
        m.String("description", r.Description);
        m.String("overview", r.Overview);
        m.String("author", r.Author);
        m.String("reported_by", r.ReportedBy);
        m.String("publish_date", r.PublishDate);
        m.String("type", r.Type);
        m.String("cvss", r.Cvss);
        m.Number("cvss_score", r.CvssScore);
        m.Strings("affectedEnvironments", r.AffectedEnvironments);
        m.String("severity", r.Severity);
    }

    private static void AddMembers(RecordEmitter m, NswgDepsRecord r)
    {
        m.Strings("cve", r.Cve);
        m.String("description", r.Description);
        m.String("overview", r.Overview);
        m.String("ref", r.Ref);
        m.String("reason", r.Reason);
    }
}
