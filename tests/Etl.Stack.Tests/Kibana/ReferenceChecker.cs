using System.Text.Json;

namespace Etl.Stack.Tests.Kibana;

/// <summary>
/// Checks the links Kibana follows on import and when rendering: every reference points at an object in the file,
/// every dashboard panel and Lens layer has the reference it names, and map layers find their data view.
/// </summary>
public static class ReferenceChecker
{
    public static IReadOnlyList<string> Check(IReadOnlyList<SavedObject> objects)
    {
        var problems = new List<string>();
        var byKey = objects.GroupBy(o => (o.Type, o.Id)).ToList();
        problems.AddRange(byKey.Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Type} id '{g.Key.Id}' appears {g.Count()} times (lines {string.Join(", ", g.Select(o => o.Line))})."));
        var known = byKey.Select(g => g.Key).ToHashSet();

        foreach (var saved in objects)
        {
            problems.AddRange(saved.References
                .Where(r => !known.Contains((r.Type, r.Id)))
                .Select(r => $"{saved}: reference '{r.Name}' points at {r.Type} '{r.Id}', which is not in the file."));
            problems.AddRange(saved.References.GroupBy(r => r.Name).Where(g => g.Count() > 1)
                .Select(g => $"{saved}: reference name '{g.Key}' is used {g.Count()} times; Kibana resolves only one."));

            switch (saved.Type)
            {
                case "dashboard":
                    problems.AddRange(DashboardPanels(saved));
                    break;
                case "lens":
                    problems.AddRange(LensLayers(saved));
                    break;
                case "map":
                    problems.AddRange(MapLayers(saved));
                    break;
            }
        }

        return problems;
    }

    private static IEnumerable<string> DashboardPanels(SavedObject dashboard)
    {
        var panels = dashboard.Json("panelsJSON") ?? throw new InvalidDataException($"{dashboard} has no panelsJSON.");
        foreach (var panel in panels.EnumerateArray())
        {
            var index = panel.GetProperty("panelIndex").GetString();
            if (!panel.TryGetProperty("panelRefName", out var refName))
            {
                if (!panel.GetProperty("embeddableConfig").TryGetProperty("attributes", out _))
                {
                    yield return $"{dashboard}: panel '{index}' has neither a panelRefName nor by-value attributes.";
                }

                continue;
            }

            // Kibana prefixes the reference name with the panel index (8.x export format).
            var name = $"{index}:{refName.GetString()}";
            var reference = dashboard.References.FirstOrDefault(r => r.Name == name);
            if (reference is null)
            {
                yield return $"{dashboard}: panel '{index}' names reference '{name}', which the dashboard does not have.";
            }
            else if (reference.Type != panel.GetProperty("type").GetString())
            {
                yield return $"{dashboard}: panel '{index}' is a {panel.GetProperty("type").GetString()} panel but its reference is a {reference.Type}.";
            }

            var grid = panel.GetProperty("gridData");
            if (grid.GetProperty("x").GetInt32() + grid.GetProperty("w").GetInt32() > 48)
            {
                yield return $"{dashboard}: panel '{index}' extends past the 48-column grid.";
            }
        }
    }

    private static IEnumerable<string> LensLayers(SavedObject lens)
    {
        var state = lens.Json("state") ?? throw new InvalidDataException($"{lens} has no Lens state.");
        if (!state.GetProperty("datasourceStates").TryGetProperty("formBased", out var formBased))
        {
            yield break;
        }

        foreach (var layer in formBased.GetProperty("layers").EnumerateObject())
        {
            var name = $"indexpattern-datasource-layer-{layer.Name}";
            if (lens.References.All(r => r.Name != name || r.Type != "index-pattern"))
            {
                yield return $"{lens}: layer '{layer.Name}' has no index-pattern reference named '{name}'.";
            }

            var columns = layer.Value.GetProperty("columns");
            foreach (var id in layer.Value.GetProperty("columnOrder").EnumerateArray().Select(c => c.GetString()!))
            {
                if (!columns.TryGetProperty(id, out _))
                {
                    yield return $"{lens}: layer '{layer.Name}' orders column '{id}', which it does not define.";
                }
            }

            foreach (var column in columns.EnumerateObject())
            {
                if (column.Value.TryGetProperty("params", out var p) && p.TryGetProperty("orderBy", out var orderBy)
                    && orderBy.TryGetProperty("columnId", out var orderColumn) && !columns.TryGetProperty(orderColumn.GetString()!, out _))
                {
                    yield return $"{lens}: column '{column.Name}' is ordered by column '{orderColumn.GetString()}', which the layer does not define.";
                }
            }

            foreach (var accessor in Accessors(state.GetProperty("visualization")))
            {
                if (!columns.TryGetProperty(accessor, out _))
                {
                    yield return $"{lens}: the visualization shows column '{accessor}', which layer '{layer.Name}' does not define.";
                }
            }
        }
    }

    /// <summary>Column ids the visualization state points at, whatever the chart type.</summary>
    private static IEnumerable<string> Accessors(JsonElement visualization)
    {
        var names = new HashSet<string>(StringComparer.Ordinal)
        {
            "xAccessor", "splitAccessor", "accessor", "accessors", "metricAccessor", "tagAccessor", "valueAccessor",
            "primaryGroups", "metrics", "columnId",
        };
        return Walk(visualization).Distinct(StringComparer.Ordinal);

        IEnumerable<string> Walk(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                return element.EnumerateArray().SelectMany(Walk);
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            return element.EnumerateObject().SelectMany(property =>
                !names.Contains(property.Name)
                    ? Walk(property.Value)
                    : property.Value.ValueKind switch
                    {
                        JsonValueKind.String => [property.Value.GetString()!],
                        JsonValueKind.Array => property.Value.EnumerateArray()
                            .Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!),
                        _ => Walk(property.Value),
                    });
        }
    }

    private static IEnumerable<string> MapLayers(SavedObject map)
    {
        var layers = map.Json("layerListJSON") ?? throw new InvalidDataException($"{map} has no layerListJSON.");
        foreach (var layer in layers.EnumerateArray())
        {
            if (layer.GetProperty("sourceDescriptor").TryGetProperty("indexPatternRefName", out var refName)
                && map.References.All(r => r.Name != refName.GetString() || r.Type != "index-pattern"))
            {
                yield return $"{map}: layer '{layer.GetProperty("id").GetString()}' names data view reference '{refName.GetString()}', which the map does not have.";
            }
        }
    }
}
