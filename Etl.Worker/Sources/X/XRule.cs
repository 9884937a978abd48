using System.Text.Json.Serialization;

namespace Etl.Worker.Sources.X;

/// <summary>A filtered-stream rule as X lists it (<c>id</c> assigned by X) or as a rules file wants it (no id).</summary>
public sealed record XRule(
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("tag")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Tag = null,
    [property: JsonPropertyName("id")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id = null)
{
    /// <summary>Two rules are the same rule when value and tag match; ids are X's bookkeeping.</summary>
    public bool SameAs(XRule other) =>
        other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal) && string.Equals(Tag ?? "", other.Tag ?? "", StringComparison.Ordinal);
}
