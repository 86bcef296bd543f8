using System.Globalization;
using System.Text;
using System.Xml;
using Vigil.Data.Advisories;
using Vigil.Domain.Advisories;

namespace Vigil.Web.Features.Publication;

/// <summary>
/// The advisories as an Atom feed (RFC 4287): newest first, each entry's id the advisory page's address (stable: the
/// id of an advisory never changes), plain-text titles and summaries (no markup from advisories reaches a reader).
/// </summary>
public static class AtomFeed
{
    /// <summary>Atom's namespace.</summary>
    public const string Namespace = "http://www.w3.org/2005/Atom";

    /// <summary>How many entries the feed holds.</summary>
    public const int Size = 50;

    /// <summary>The feed document, UTF-8.</summary>
    public static byte[] Write(IReadOnlyList<StoredAdvisory> advisories, string baseUrl, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(advisories);
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Namespace);
            xml.WriteElementString("id", Namespace, $"{baseUrl}/advisories/feed.atom");
            xml.WriteElementString("title", Namespace, "Vigil: Node.js security advisories");
            xml.WriteElementString("subtitle", Namespace, "Advisories of the Node.js Security Working Group's database, newest first.");
            var updated = advisories.Select(Updated).DefaultIfEmpty(now).Max();
            xml.WriteElementString("updated", Namespace, Time(updated));
            Link(xml, "self", $"{baseUrl}/advisories/feed.atom", "application/atom+xml");
            Link(xml, "alternate", $"{baseUrl}/advisories", "text/html");
            xml.WriteStartElement("author", Namespace);
            xml.WriteElementString("name", Namespace, "Node.js Security Working Group");
            xml.WriteEndElement();

            foreach (var advisory in advisories)
            {
                var record = advisory.Record;
                string page = $"{baseUrl}/advisories/{Uri.EscapeDataString(record.Id)}";
                xml.WriteStartElement("entry", Namespace);
                xml.WriteElementString("id", Namespace, page);
                xml.WriteElementString("title", Namespace, Clean($"{record.Id}: {AdvisoryFacts.Headline(record) ?? "(no summary)"}"));
                xml.WriteElementString("updated", Namespace, Time(Updated(advisory)));
                if (record.Published?.Value is { } published)
                {
                    xml.WriteElementString("published", Namespace, Time(published));
                }

                Link(xml, "alternate", page, "text/html");
                foreach (var package in (record.Affected ?? []).Where(a => a.Package is not null).Select(a => $"{a.Package!.Ecosystem}/{a.Package.Name}").Distinct(StringComparer.Ordinal))
                {
                    xml.WriteStartElement("category", Namespace);
                    xml.WriteAttributeString("term", Clean(package));
                    xml.WriteEndElement();
                }

                var summary = new StringBuilder();
                if (record.Aliases is { Count: > 0 } aliases)
                {
                    summary.Append("Aliases: ").AppendJoin(", ", aliases).Append(". ");
                }

                summary.Append("Severity: ").Append(AdvisorySeverity.Of(record)).Append('.');
                if (record.Withdrawn is not null)
                {
                    summary.Append(" Withdrawn.");
                }

                xml.WriteElementString("summary", Namespace, Clean(summary.ToString()));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    private static DateTimeOffset Updated(StoredAdvisory advisory) =>
        advisory.Record.Modified.Value ?? advisory.Record.Published?.Value ?? DateTimeOffset.UnixEpoch;

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", Namespace);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The text without the characters XML 1.0 cannot carry (control characters, lone surrogates).</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clean = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }
}
