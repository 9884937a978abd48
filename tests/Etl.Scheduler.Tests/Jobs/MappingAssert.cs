using System.Text.Json.Nodes;

namespace Etl.Scheduler.Tests.Jobs;

/// <summary>Checks that every field of a document is mapped by an index template (the mappings are dynamic: false).</summary>
public static class MappingAssert
{
    public static void EveryFieldMapped(string templateJson, JsonNode document)
    {
        var properties = JsonNode.Parse(templateJson)!["template"]!["mappings"]!["properties"]!.AsObject();
        var missing = new List<string>();
        Walk(properties, document.AsObject(), "", missing);
        Assert.True(missing.Count == 0, "Unmapped fields (Kibana could not use them): " + string.Join(", ", missing));
    }

    private static void Walk(JsonObject properties, JsonObject document, string prefix, List<string> missing)
    {
        foreach (var (name, value) in document)
        {
            if (properties[name] is not JsonObject mapping)
            {
                missing.Add(prefix + name);
                continue;
            }

            var inner = value switch
            {
                JsonObject o => o,
                JsonArray { Count: > 0 } a when a[0] is JsonObject first => first,
                _ => null,
            };
            if (inner is not null && mapping["properties"] is JsonObject nested)
            {
                Walk(nested, inner, prefix + name + ".", missing);
            }
        }
    }
}
