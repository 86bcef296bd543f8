using System.Text.Json;
using Vigil.Domain.Wording;

namespace Vigil.Web.Features.NpmAudit;

/// <summary>One package of a legacy audit tree: where it sits, and how the project needs it.</summary>
/// <param name="Name">The package's name (an npm alias's real name when the version says <c>npm:name@version</c>).</param>
/// <param name="Version">Its version, as sent.</param>
/// <param name="Path">The names from the root down to it, joined by <c>&gt;</c>, as npm 6's findings write paths.</param>
/// <param name="Dev">Whether the tree marks it a development dependency.</param>
/// <param name="Optional">Whether the tree marks it optional.</param>
/// <param name="Bundled">Whether the tree marks it bundled.</param>
internal sealed record AuditNode(string Name, string Version, string Path, bool Dev, bool Optional, bool Bundled);

/// <summary>
/// The tree npm 6 sent to <c>/-/npm/v1/security/audits</c>, which yarn classic and pnpm still send: the root's
/// <c>requires</c>, and <c>dependencies</c> nested as the packages are installed (<c>{name: {version, dev, requires,
/// dependencies}}</c>). Only the nesting, versions and flags are read; every node is one place in the tree.
/// </summary>
internal static class AuditTree
{
    public static List<AuditNode> Parse(byte[] body, NpmAuditOptions options)
    {
        JsonDocument document;
        try
        {
            // Two JSON levels per tree level (the dependencies object, the node), and a few at the root.
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = (options.MaxTreeDepth * 2) + 4 });
        }
        catch (JsonException e)
        {
            long line = (e.LineNumber ?? 0) + 1, column = (e.BytePositionInLine ?? 0) + 1;
            throw BulkRequest.Bad($"the body is not valid JSON, or nests deeper than {options.MaxTreeDepth} packages, at line {line}, byte {column}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw BulkRequest.Bad($"the body must be a JSON object (an audit tree), found {JsonKinds.Describe(root.ValueKind)}");
            }

            var nodes = new List<AuditNode>();
            if (!root.TryGetProperty("dependencies", out var top) || top.ValueKind == JsonValueKind.Null)
            {
                return nodes;
            }

            var aliases = new Dictionary<string, string?>(StringComparer.Ordinal);
            CollectAliases(root, aliases);
            var pending = new Stack<(JsonElement Dependencies, string Path)>();
            pending.Push((top, ""));
            while (pending.Count > 0)
            {
                var (dependencies, parent) = pending.Pop();
                string field = parent.Length == 0 ? "dependencies" : $"\"{BulkRequest.Shown(parent)}\".dependencies";
                if (dependencies.ValueKind != JsonValueKind.Object)
                {
                    throw BulkRequest.Bad($"{field}: expected an object of packages, found {JsonKinds.Describe(dependencies.ValueKind)}");
                }

                foreach (var property in dependencies.EnumerateObject())
                {
                    string key = property.Name;
                    string path = parent.Length == 0 ? key : parent + ">" + key;
                    var node = property.Value;
                    if (node.ValueKind != JsonValueKind.Object)
                    {
                        throw BulkRequest.Bad($"\"{BulkRequest.Shown(path)}\": expected a package object, found {JsonKinds.Describe(node.ValueKind)}");
                    }

                    if (nodes.Count == options.MaxTreeNodes)
                    {
                        throw new AuditRequestException(StatusCodes.Status413PayloadTooLarge, $"The audit tree holds more than {options.MaxTreeNodes} packages.");
                    }

                    string version = node.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
                    string name = key;
                    if (version.StartsWith("npm:", StringComparison.Ordinal) && version.LastIndexOf('@') is int at and > 5)
                    {
                        (name, version) = (version[4..at], version[(at + 1)..]);
                    }

                    CollectAliases(node, aliases);
                    nodes.Add(new AuditNode(name, version, path, Flag(node, "dev"), Flag(node, "optional"), Flag(node, "bundled")));
                    if (node.TryGetProperty("dependencies", out var children) && children.ValueKind != JsonValueKind.Null)
                    {
                        pending.Push((children, path));
                    }
                }
            }

            // yarn classic keys an aliased package by its alias and sends its version alone; the requiring package's
            // "requires" names the real package ("lodash3": "npm:lodash@3.10.1"). An alias that always means one package is read as it.
            for (int i = 0; i < nodes.Count; i++)
            {
                if (aliases.TryGetValue(nodes[i].Name, out string? real) && real is not null)
                {
                    nodes[i] = nodes[i] with { Name = real };
                }
            }

            return nodes;
        }
    }

    /// <summary>Notes each <c>requires</c> entry that is an npm alias (<c>"alias": "npm:name@range"</c>); an alias given two names is noted as unknown (null).</summary>
    private static void CollectAliases(JsonElement node, Dictionary<string, string?> aliases)
    {
        if (!node.TryGetProperty("requires", out var requires) || requires.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var required in requires.EnumerateObject())
        {
            if (required.Value.ValueKind != JsonValueKind.String || required.Value.GetString() is not { } spec || !spec.StartsWith("npm:", StringComparison.Ordinal))
            {
                continue;
            }

            int at = spec.IndexOf('@', 5);
            string real = at < 0 ? spec[4..] : spec[4..at];
            if (real.Length == 0 || real == required.Name)
            {
                continue;
            }

            aliases[required.Name] = aliases.TryGetValue(required.Name, out string? known) && known != real ? null : real;
        }
    }

    private static bool Flag(JsonElement node, string name) =>
        node.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
