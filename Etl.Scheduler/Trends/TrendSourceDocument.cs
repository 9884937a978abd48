using System.Text.Json.Serialization;

namespace Etl.Scheduler.Trends;

/// <summary>The fields of an indexed tweet that trend clustering reads (<c>_source</c> filtering keeps the rest out).</summary>
public sealed record TrendSourceDocument
{
    public static readonly IReadOnlyList<string> Fields = ["id", "created_at", "text", "hashtags", "embedding"];

    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("text")]
    public string Text { get; init; } = "";

    [JsonPropertyName("hashtags")]
    public IReadOnlyList<string> Hashtags { get; init; } = [];

    [JsonPropertyName("embedding")]
    public float[]? Embedding { get; init; }
}
