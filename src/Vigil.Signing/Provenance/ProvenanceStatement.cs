using System.Collections.Immutable;
using System.Text.Json;

namespace Vigil.Signing.Provenance;

/// <summary>One subject of an in-toto statement: a name and its digests by algorithm (hex).</summary>
internal sealed record StatementSubject(string Name, ImmutableDictionary<string, string> Digests);

/// <summary>
/// The in-toto statement (<c>https://in-toto.io/Statement/v1</c> or <c>v0.1</c>) of a provenance attestation: its
/// subjects, predicate type, and what the SLSA predicate claims about the build (v1:
/// <c>buildDefinition.externalParameters.workflow</c> and <c>runDetails.builder.id</c>; v0.2:
/// <c>invocation.configSource</c> and <c>builder.id</c>).
/// </summary>
internal sealed record ProvenanceStatement(
    string PredicateType,
    ImmutableArray<StatementSubject> Subjects,
    string? Repository,
    string? Workflow,
    string? Ref,
    string? Builder)
{
    public static ProvenanceStatement Parse(byte[] payload)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload, Json.Options);
        }
        catch (JsonException e)
        {
            throw ProvenanceException.Invalid("the signed statement is not JSON: " + e.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            const string Where = "the statement";
            var type = Json.String(root, "_type", Where);
            if (type is not ("https://in-toto.io/Statement/v1" or "https://in-toto.io/Statement/v0.1"))
            {
                throw ProvenanceException.Invalid($"the statement's type '{type}' is not an in-toto statement");
            }

            var subjects = ImmutableArray.CreateBuilder<StatementSubject>();
            foreach (var subject in Json.Array(root, "subject", Where).EnumerateArray())
            {
                var digests = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
                foreach (var digest in Json.Object(subject, "digest", "the statement's subject").EnumerateObject())
                {
                    if (digest.Value.ValueKind == JsonValueKind.String)
                    {
                        digests[digest.Name] = digest.Value.GetString()!;
                    }
                }

                subjects.Add(new StatementSubject(Json.String(subject, "name", "the statement's subject"), digests.ToImmutable()));
            }

            var predicateType = Json.String(root, "predicateType", Where);
            var predicate = Json.OptionalObject(root, "predicate");
            string? repository = null, workflow = null, reference = null, builder = null;
            if (predicate is { } p && Json.OptionalObject(p, "buildDefinition") is { } definition)
            {
                if (Json.OptionalObject(definition, "externalParameters") is { } external && Json.OptionalObject(external, "workflow") is { } w)
                {
                    repository = Json.OptionalString(w, "repository");
                    workflow = Json.OptionalString(w, "path");
                    reference = Json.OptionalString(w, "ref");
                }

                if (Json.OptionalObject(p, "runDetails") is { } run && Json.OptionalObject(run, "builder") is { } b)
                {
                    builder = Json.OptionalString(b, "id");
                }
            }
            else if (predicate is { } old)
            {
                if (Json.OptionalObject(old, "invocation") is { } invocation && Json.OptionalObject(invocation, "configSource") is { } source)
                {
                    var uri = Json.OptionalString(source, "uri");
                    int at = uri?.IndexOf('@', StringComparison.Ordinal) ?? -1;
                    repository = at < 0 ? uri : uri![..at];
                    reference = at < 0 ? null : uri![(at + 1)..];
                    workflow = Json.OptionalString(source, "entryPoint");
                }

                builder = Json.OptionalObject(old, "builder") is { } b ? Json.OptionalString(b, "id") : null;
            }

            return new ProvenanceStatement(predicateType, subjects.ToImmutable(), repository, workflow, reference, builder);
        }
    }
}
