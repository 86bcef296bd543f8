using System.Text.Json.Serialization;

namespace Vigil.Domain.Osv;

/// <summary>
/// Source-generated System.Text.Json metadata for <see cref="OsvRecord"/>, for callers that serialize through
/// <c>JsonSerializer</c> under Native AOT. The record carries <see cref="OsvRecordJsonConverter"/>, so this
/// gives exactly the JSON of <see cref="OsvJson"/>; other source-generated contexts that include
/// <see cref="OsvRecord"/> in their own types pick up the same converter.
/// </summary>
[JsonSerializable(typeof(OsvRecord))]
public sealed partial class OsvJsonContext : JsonSerializerContext;
