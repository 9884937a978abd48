using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Etl.Elastic.Serialization;

/// <summary>Source-generated metadata for request bodies built as <see cref="JsonNode"/> trees.</summary>
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
public sealed partial class ElasticJsonNodeContext : JsonSerializerContext;
