using System.Text.Json;

namespace Etl.Stack.Tests.Elasticsearch;

/// <summary>
/// The index templates in <c>Etl.Schemas/Elasticsearch/*.json</c> (bodies of <c>PUT _index_template</c>, or of
/// <c>PUT _component_template</c> when they have no <c>index_patterns</c>), resolved the way Elasticsearch does it:
/// of the templates whose patterns match a new index, the one with the highest priority wins alone.
/// </summary>
public sealed class IndexTemplateCatalog
{
    private IndexTemplateCatalog(IReadOnlyList<IndexTemplate> templates) => Templates = templates;

    public IReadOnlyList<IndexTemplate> Templates { get; }

    public static IndexTemplateCatalog Load(string directory)
    {
        var files = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];
        var bodies = files.ToDictionary(file => file, file => Parse(file));
        var components = bodies
            .Where(pair => !pair.Value.RootElement.TryGetProperty("index_patterns", out _))
            .ToDictionary(pair => ComponentName(pair.Key), pair => pair.Value.RootElement, StringComparer.Ordinal);

        var templates = new List<IndexTemplate>();
        foreach (var (file, body) in bodies)
        {
            var root = body.RootElement;
            if (!root.TryGetProperty("index_patterns", out var patterns))
            {
                continue;
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("composed_of", out var composedOf))
            {
                foreach (var name in composedOf.EnumerateArray().Select(n => n.GetString()!))
                {
                    if (!components.TryGetValue(name, out var component))
                    {
                        throw new InvalidDataException(
                            $"Index template '{file}' is composed of component template '{name}', but no '{name}.json' or " +
                            $"'{name}.component-template.json' exists in '{directory}'. Add it or remove it from composed_of.");
                    }

                    AddMappedFields(component, fields);
                }
            }

            AddMappedFields(root, fields);
            var priority = root.TryGetProperty("priority", out var p) ? p.GetInt64() : 0;
            var patternList = patterns.ValueKind == JsonValueKind.Array
                ? patterns.EnumerateArray().Select(x => x.GetString()!).ToList()
                : [patterns.GetString()!];
            templates.Add(new IndexTemplate(Path.GetFileName(file), patternList, priority, fields));
        }

        foreach (var body in bodies.Values)
        {
            body.Dispose();
        }

        if (templates.Count == 0)
        {
            throw new InvalidDataException(
                $"No index templates (JSON files with index_patterns) found under '{directory}'. The Kibana drift checks compare " +
                "every dashboard field against them: merge the Etl.Schemas index templates before running these tests.");
        }

        return new IndexTemplateCatalog(templates);
    }

    /// <summary>The template Elasticsearch would apply when creating <paramref name="indexName"/>, or null when none matches.</summary>
    public IndexTemplate? ForIndex(string indexName) =>
        Templates.Where(t => t.AppliesTo(indexName)).MaxBy(t => t.Priority);

    /// <summary>Flattens <c>properties</c> into dotted paths; multi-fields become <c>field.sub</c>.</summary>
    public static void Flatten(JsonElement properties, string prefix, IDictionary<string, string> into)
    {
        foreach (var property in properties.EnumerateObject())
        {
            var path = prefix + property.Name;
            var definition = property.Value;
            var type = definition.TryGetProperty("type", out var t) ? t.GetString()! : "object";
            into[path] = type;
            if (definition.TryGetProperty("properties", out var children))
            {
                Flatten(children, path + ".", into);
            }

            if (definition.TryGetProperty("fields", out var multiFields))
            {
                Flatten(multiFields, path + ".", into);
            }
        }
    }

    private static void AddMappedFields(JsonElement body, Dictionary<string, string> fields)
    {
        if (body.TryGetProperty("template", out var template)
            && template.TryGetProperty("mappings", out var mappings)
            && mappings.TryGetProperty("properties", out var properties))
        {
            Flatten(properties, "", fields);
        }
    }

    private static string ComponentName(string file)
    {
        var name = Path.GetFileName(file);
        foreach (var suffix in new[] { ".component-template.json", ".json" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    private static JsonDocument Parse(string file)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(file));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Index template '{file}' is not valid JSON: {ex.Message}", ex);
        }
    }
}
