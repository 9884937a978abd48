using System.Text.Json;
using System.Text.Json.Nodes;

namespace Etl.Elastic.Search;

/// <summary>One hit. <see cref="Source"/> is null when <c>_source</c> was not requested.</summary>
public sealed record SearchHit<T>(string Index, string Id, double? Score, T? Source)
{
    /// <summary>The hit's <c>fields</c> object (doc values), when requested.</summary>
    public JsonElement? Fields { get; init; }

    /// <summary>Sort values, to pass as the next page's <c>search_after</c>.</summary>
    public JsonArray? Sort { get; init; }

    /// <summary>First value of a requested field as text, or null.</summary>
    public string? Field(string name)
    {
        if (Fields is not { ValueKind: JsonValueKind.Object } fields || !fields.TryGetProperty(name, out var values)
            || values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
        {
            return null;
        }

        var first = values[0];
        return first.ValueKind == JsonValueKind.String ? first.GetString() : first.GetRawText();
    }
}
