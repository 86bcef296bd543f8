using System.Text.Json;
using Vigil.Lockfiles.Text;
using Vigil.Lockfiles.Tree;

namespace Vigil.Lockfiles.Npm;

/// <summary>
/// One pass of <see cref="Utf8JsonReader"/> over a package-lock.json of version 2 or 3, keeping only what
/// <see cref="NpmPackagesFastReader"/> needs of each <c>packages</c> entry, with no tree. It checks everything
/// <see cref="JsonTreeReader"/> checks (syntax, nesting, value count, duplicate keys, escapes) and the kinds of the fields
/// it keeps, but reports none of it: at the first thing it does not expect it gives up (returns false), and the file is
/// read again the general way, which reports the error where it is, as it always has. So the errors stay those of the
/// general reader by construction, and this pass only has to be right about what it accepts.
/// </summary>
internal sealed class NpmPackagesScan : IDisposable
{
    /// <summary>The dependency groups an entry keeps, in the order <see cref="NpmDependencies"/> reads them.</summary>
    public const int Groups = 4;

    private readonly StringTable _strings;
    private readonly PooledList<MapEntry> _keys = new(256);
    private readonly List<(int Start, KeyIndex? Index)> _frames = new(16);
    private readonly List<ScannedEntry> _entries;
    private readonly List<(string Name, string Spec)> _declared;
    private readonly List<string> _workspaces = [];
    private int _count;

    private NpmPackagesScan(int fileBytes)
    {
        _strings = new StringTable(fileBytes);
        // npm writes an entry per 300 to 400 bytes, and about two declarations per entry: room for a few more than
        // that, as a list that has to grow copies itself into twice the room.
        _entries = new List<ScannedEntry>(Math.Max(fileBytes / 300, 16));
        _declared = new List<(string, string)>(Math.Max(fileBytes / 120, 16));
    }

    /// <summary>The <c>packages</c> entries, in the file's order.</summary>
    public List<ScannedEntry> Entries => _entries;

    /// <summary>The declarations of all entries; each entry has ranges of it.</summary>
    public List<(string Name, string Spec)> Declared => _declared;

    /// <summary>The root entry's <c>workspaces</c> patterns.</summary>
    public IReadOnlyList<string> WorkspacePatterns => _workspaces;

    /// <summary>The root object's <c>name</c>, if a string.</summary>
    public string? LockfileName { get; private set; }

    /// <summary>The lockfile version, 2 or 3.</summary>
    public string Version { get; private set; } = string.Empty;

    public void Dispose()
    {
        _strings.Dispose();
        _keys.Dispose();
    }

    /// <summary>Scans a lockfile; null when it is not a well-formed version 2 or 3 lockfile with the expected kinds of values.</summary>
    public static NpmPackagesScan? Scan(SourceText source)
    {
        var scan = new NpmPackagesScan(source.Utf8.Length);
        try
        {
            if (scan.Run(source.Utf8.Span) && scan.Version is "2" or "3")
            {
                return scan;
            }
        }
        catch (JsonException)
        {
        }
        catch (InvalidOperationException)
        {
            // An escape that is no character (a lone surrogate): the general reader says so.
        }

        scan.Dispose();
        return null;
    }

    private bool Run(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, isFinalBlock: true, new JsonReaderState(new JsonReaderOptions
        {
            MaxDepth = LockfileLimits.MaxDepth + 1,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        }));

        // Where the scan is: the key of the value about to be read, in the root object (1), the packages object (2),
        // an entry (3) or one of its dependency groups (4); what that level holds.
        var sawRoot = false;
        var sawPackages = false;
        var inPackages = false;
        var group = -1;
        var inWorkspaces = false;
        string? key = null;
        string? installedName = null;
        ScannedEntry entry = default;
        while (reader.Read())
        {
            var depth = reader.CurrentDepth;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    key = reader.ValueIsEscaped ? reader.GetString()! : _strings.Get(reader.ValueSpan);
                    if (!AddKey(key, reader.TokenStartIndex))
                    {
                        return false;
                    }

                    if (depth == 2 && inPackages)
                    {
                        installedName = reader.ValueIsEscaped ? null : InstalledName(reader.ValueSpan, key);
                    }

                    continue;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    if (!Count() || _frames.Count >= LockfileLimits.MaxDepth)
                    {
                        return false;
                    }

                    var isObject = reader.TokenType == JsonTokenType.StartObject;
                    if (depth == 0)
                    {
                        if (!isObject || sawRoot)
                        {
                            return false;
                        }

                        sawRoot = true;
                    }
                    else if (depth == 1 && key == "packages")
                    {
                        if (!isObject)
                        {
                            return false;
                        }

                        sawPackages = inPackages = true;
                    }
                    else if (depth == 1 && key is "lockfileVersion" or "name")
                    {
                        return false;
                    }
                    else if (depth == 2 && inPackages)
                    {
                        if (!isObject)
                        {
                            return false;
                        }

                        entry = new ScannedEntry(key!) { InstalledName = installedName };
                    }
                    else if (depth == 3 && inPackages && key is not null)
                    {
                        var kept = Kept(key);
                        if (kept is Field.Dependencies && isObject)
                        {
                            group = GroupOf(key);
                            entry.SetGroup(group, _declared.Count, 0);
                        }
                        else if (kept is Field.Workspaces && entry.Location.Length == 0)
                        {
                            // The root entry's patterns: a list of strings (the object form is left to the general reader).
                            if (isObject)
                            {
                                return false;
                            }

                            inWorkspaces = true;
                        }
                        else if (kept is not (Field.None or Field.Workspaces))
                        {
                            return false;
                        }
                    }
                    else if (depth == 4 && (group >= 0 || inWorkspaces))
                    {
                        return false;
                    }

                    _frames.Add((isObject ? _keys.Count : -1, null));
                    key = null;
                    continue;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    var (start, _) = _frames[^1];
                    if (start >= 0)
                    {
                        _keys.Truncate(start);
                    }

                    _frames.RemoveAt(_frames.Count - 1);
                    if (depth == 1 && inPackages)
                    {
                        inPackages = false;
                    }
                    else if (depth == 2 && inPackages)
                    {
                        _entries.Add(entry);
                        entry = default;
                    }
                    else if (depth == 3 && group >= 0)
                    {
                        entry.SetGroup(group, entry.GroupStart(group), _declared.Count - entry.GroupStart(group));
                        group = -1;
                    }
                    else if (depth == 3)
                    {
                        inWorkspaces = false;
                    }

                    continue;
                case JsonTokenType.String:
                case JsonTokenType.Number:
                case JsonTokenType.True:
                case JsonTokenType.False:
                case JsonTokenType.Null:
                    if (!Count() || !Scalar(ref reader, depth, key, inPackages, group, inWorkspaces, ref entry))
                    {
                        return false;
                    }

                    key = null;
                    continue;
                default:
                    continue;
            }
        }

        return sawRoot && sawPackages;
    }

    /// <summary>A scalar value: kept when it is one of the fields read, checked when it is escaped.</summary>
    private bool Scalar(ref Utf8JsonReader reader, int depth, string? key, bool inPackages, int group, bool inWorkspaces, ref ScannedEntry entry)
    {
        var type = reader.TokenType;
        if (depth == 1)
        {
            if (key == "lockfileVersion")
            {
                // Only the versions this reader handles, written as npm writes them.
                Version = type == JsonTokenType.Number ? _strings.Get(reader.ValueSpan) : string.Empty;
                return type == JsonTokenType.Number;
            }

            if (key == "name")
            {
                LockfileName = type == JsonTokenType.String ? Text(ref reader) : null;
                return type == JsonTokenType.String;
            }

            if (key == "packages")
            {
                return false;
            }
        }
        else if (depth == 2 && inPackages)
        {
            return false;
        }
        else if (depth == 3 && inPackages)
        {
            switch (Kept(key!))
            {
                case Field.Text:
                    if (type != JsonTokenType.String)
                    {
                        return false;
                    }

                    entry.SetText(key!, Text(ref reader));
                    return true;
                case Field.Flag:
                    if (type is not (JsonTokenType.True or JsonTokenType.False))
                    {
                        return false;
                    }

                    entry.SetFlag(key!, type == JsonTokenType.True);
                    return true;
                case Field.None:
                    break;
                default:
                    return false;
            }
        }
        else if (depth == 4 && group >= 0)
        {
            if (type != JsonTokenType.String)
            {
                return false;
            }

            _declared.Add((key!, Text(ref reader)));
            return true;
        }
        else if (depth == 4 && inWorkspaces)
        {
            if (type != JsonTokenType.String)
            {
                return false;
            }

            _workspaces.Add(Text(ref reader));
            return true;
        }

        if (type == JsonTokenType.String && reader.ValueIsEscaped)
        {
            reader.GetString();
        }

        return true;
    }

    /// <summary>
    /// <see cref="NpmPackagesReader.NameOf"/> of a location from its bytes: the name is one string with the same name
    /// met elsewhere (in <c>dependencies</c>), not a new one per entry.
    /// </summary>
    private string InstalledName(ReadOnlySpan<byte> location, string whole)
    {
        var at = location.LastIndexOf("node_modules/"u8);
        if (at >= 0)
        {
            return _strings.Get(location[(at + "node_modules/"u8.Length)..]);
        }

        var slash = location.LastIndexOf((byte)'/');
        return slash < 0 ? whole : _strings.Get(location[(slash + 1)..]);
    }

    private string Text(ref Utf8JsonReader reader) => reader.ValueIsEscaped ? reader.GetString()! : _strings.Get(reader.ValueSpan);

    private bool Count() => ++_count <= LockfileLimits.MaxNodes;

    /// <summary>Records a key of the innermost object; false when the object already has it.</summary>
    private bool AddKey(string key, long offset)
    {
        var frame = _frames[^1];
        var open = _keys.Items[frame.Start..];
        if ((frame.Index is not null ? frame.Index.Find(open, key) : MapNode.IndexOf(open, key)) >= 0)
        {
            return false;
        }

        _keys.Add(new MapEntry(key, TextPoint.AtOffset(offset), null!));
        open = _keys.Items[frame.Start..];
        if (frame.Index is not null)
        {
            frame.Index.Add(open, open.Length - 1);
        }
        else if (open.Length > MapNode.IndexFrom)
        {
            _frames[^1] = (frame.Start, new KeyIndex(open, 4 * open.Length));
        }

        return true;
    }

    private enum Field
    {
        None,
        Text,
        Flag,
        Dependencies,
        Workspaces,
    }

    /// <summary>What an entry's field is to this reader (the fields of <see cref="NpmPackagesReader.Fields"/>).</summary>
    private static Field Kept(string key) => key switch
    {
        "name" or "version" or "resolved" or "integrity" => Field.Text,
        "link" or "dev" or "optional" or "devOptional" or "peer" => Field.Flag,
        "dependencies" or "optionalDependencies" or "peerDependencies" or "devDependencies" => Field.Dependencies,
        "workspaces" => Field.Workspaces,
        _ => Field.None,
    };

    private static int GroupOf(string key) => key switch
    {
        "dependencies" => 0,
        "optionalDependencies" => 1,
        "peerDependencies" => 2,
        _ => 3,
    };
}
