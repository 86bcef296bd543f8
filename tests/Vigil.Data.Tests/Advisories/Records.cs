using System.Text;
using Vigil.Domain.Osv;

namespace Vigil.Data.Tests.Advisories;

/// <summary>Small OSV records for store tests.</summary>
internal static class Records
{
    public static OsvRecord Make(string id, string modified = "2026-01-01T00:00:00Z", string summary = "a summary", string package = "left-pad", string aliases = "[]") =>
        OsvJson.Read(Encoding.UTF8.GetBytes($$"""
            {"id": "{{id}}", "modified": "{{modified}}", "aliases": {{aliases}}, "summary": "{{summary}}",
             "affected": [{"package": {"ecosystem": "npm", "name": "{{package}}"},
                           "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.0.0"}]}]}]}
            """), id);
}
