using System.Text.Json;

namespace Etl.Stack.Tests.Kibana;

/// <summary>One line of a Kibana saved-objects NDJSON export.</summary>
public sealed record SavedObject(int Line, string Type, string Id, JsonElement Attributes, IReadOnlyList<SavedObjectReference> References)
{
    public string Title => Attributes.TryGetProperty("title", out var title) ? title.GetString() ?? Id : Id;

    public override string ToString() => $"{Type} '{Title}' (line {Line})";

    /// <summary>The id behind reference <paramref name="name"/>, or null when the object has no such reference.</summary>
    public string? ReferencedId(string name) => References.FirstOrDefault(r => r.Name == name)?.Id;

    /// <summary>
    /// An attribute that Kibana stores either as an object or as JSON text (panelsJSON, layerListJSON, Lens state in older
    /// exports); returned parsed either way.
    /// </summary>
    public JsonElement? Json(string attribute)
    {
        if (!Attributes.TryGetProperty(attribute, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? JsonDocument.Parse(value.GetString()!).RootElement.Clone() : value;
    }
}
