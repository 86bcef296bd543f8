using System.Text.Json.Serialization;

namespace Vigil.Domain.Tests.Osv;

/// <summary>Source-generated metadata for the few plain values the tests serialize (no reflection, as in the product).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class OsvTestJsonContext : JsonSerializerContext;
