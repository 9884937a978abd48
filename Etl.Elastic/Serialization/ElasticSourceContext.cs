using System.Text.Json.Serialization;

namespace Etl.Elastic.Serialization;

/// <summary>Source-generated metadata for the source types of our own bulk operations.</summary>
[JsonSerializable(typeof(RawJsonSource))]
public sealed partial class ElasticSourceContext : JsonSerializerContext;
