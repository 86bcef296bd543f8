using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Disclosure.Tests.Publication;

[JsonSerializable(typeof(List<JsonElement>))]
internal sealed partial class CveTestJson : JsonSerializerContext;
