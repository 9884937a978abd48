using System.Text.Json.Serialization;

namespace Etl.Schemas.Documents;

/// <summary>Which code and models produced a document, so re-enrichment can be targeted.</summary>
public sealed record PipelineDocument
{
    [JsonPropertyName("version")]
    public string Version { get; init; } = "";

    [JsonPropertyName("sentiment_model")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SentimentModel { get; init; }

    [JsonPropertyName("embedder")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Embedder { get; init; }

    [JsonPropertyName("gazetteer")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Gazetteer { get; init; }
}
