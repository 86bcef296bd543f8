using System.Text.Json.Serialization;

namespace Vigil.Advisories.Tests.Nswg.Conversion;

/// <summary>Source-generated JSON for the tests' own string quoting.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class ConversionTestJson : JsonSerializerContext;
