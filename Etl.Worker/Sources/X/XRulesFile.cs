using System.Text.Json;

namespace Etl.Worker.Sources.X;

/// <summary>
/// Reads a rules file: a JSON array of <c>{"value": ..., "tag": ...}</c>, or X's own list answer
/// (<c>{"data": [...]}</c>), so the output of <c>rules list</c> can be edited and synced back.
/// </summary>
public static class XRulesFile
{
    public static IReadOnlyList<XRule> Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new FormatException($"Cannot read the rules file {path}: {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    public static IReadOnlyList<XRule> Parse(string json, string name = "rules")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{name} is not valid JSON ({ex.Message}); expected [{{\"value\": \"cats has:images\", \"tag\": \"cats\"}}, ...].", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            var array = root.ValueKind == JsonValueKind.Array ? root
                : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array ? data
                : root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("data", out _) ? default
                : throw new FormatException($"{name}: expected a JSON array of rules or an object with a 'data' array.");
            var rules = new List<XRule>();
            if (array.ValueKind != JsonValueKind.Array)
            {
                // X's list answer when there are no rules: {"meta": {"result_count": 0, ...}}.
                return rules;
            }

            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                index++;
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
                {
                    throw new FormatException($"{name}: rule {index} has no 'value'; every rule needs one, for example {{\"value\": \"cats has:images\", \"tag\": \"cats\"}}.");
                }

                var tag = item.TryGetProperty("tag", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                var id = item.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                var rule = new XRule(value.GetString()!, tag, id);
                if (rules.Any(r => r.SameAs(rule)))
                {
                    throw new FormatException($"{name}: rule {index} ('{rule.Value}') is listed twice; X keeps one copy of each rule.");
                }

                rules.Add(rule);
            }

            return rules;
        }
    }
}
