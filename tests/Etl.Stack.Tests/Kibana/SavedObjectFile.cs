using System.Text.Json;

namespace Etl.Stack.Tests.Kibana;

/// <summary>Reads a saved-objects NDJSON file, failing with the line number on the first line Kibana could not import.</summary>
public static class SavedObjectFile
{
    public static IReadOnlyList<SavedObject> Load(string path)
    {
        var objects = new List<SavedObject>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            objects.Add(Parse(line, lineNumber, path));
        }

        return objects;
    }

    public static SavedObject Parse(string line, int lineNumber, string source)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(line);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}:{lineNumber} is not valid JSON: {ex.Message}", ex);
        }

        string Required(string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                ? text
                : throw new InvalidDataException($"{source}:{lineNumber} has no '{name}'; every saved object needs type, id and attributes.");

        var type = Required("type");
        var id = Required("id");
        if (!root.TryGetProperty("attributes", out var attributes) || attributes.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{source}:{lineNumber} ({type} {id}) has no 'attributes' object.");
        }

        var references = root.TryGetProperty("references", out var refs)
            ? refs.EnumerateArray()
                .Select(r => new SavedObjectReference(
                    r.GetProperty("name").GetString()!, r.GetProperty("type").GetString()!, r.GetProperty("id").GetString()!))
                .ToList()
            : [];
        return new SavedObject(lineNumber, type, id, attributes, references);
    }
}
