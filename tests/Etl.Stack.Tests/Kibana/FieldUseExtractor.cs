using System.Text.Json;
using System.Text.RegularExpressions;
using Etl.Stack.Tests.Elasticsearch;

namespace Etl.Stack.Tests.Kibana;

/// <summary>
/// Finds every index field a saved object depends on: data view time fields, Lens columns (form-based layers),
/// map layer geometry, tooltips and data-driven styles, and fields named in KQL queries.
/// </summary>
public static partial class FieldUseExtractor
{
    /// <summary>Lens' pseudo-field for "count of records"; not an index field.</summary>
    private const string RecordsField = "___records___";

    public static IEnumerable<FieldUse> Extract(SavedObject saved) => saved.Type switch
    {
        "index-pattern" => FromDataView(saved),
        "lens" => FromLens(saved),
        "map" => FromMap(saved),
        _ => [],
    };

    private static IEnumerable<FieldUse> FromDataView(SavedObject dataView)
    {
        if (dataView.Attributes.TryGetProperty("timeFieldName", out var time) && time.GetString() is { Length: > 0 } field)
        {
            yield return new FieldUse(dataView, dataView.Id, field, FieldUsage.Time, "time field");
        }
    }

    private static IEnumerable<FieldUse> FromLens(SavedObject lens)
    {
        var state = lens.Json("state") ?? throw new InvalidDataException($"{lens} has no Lens state.");
        var query = state.TryGetProperty("query", out var q) && q.TryGetProperty("query", out var text) ? text.GetString() ?? "" : "";
        if (!state.GetProperty("datasourceStates").TryGetProperty("formBased", out var formBased))
        {
            yield break;
        }

        foreach (var layer in formBased.GetProperty("layers").EnumerateObject())
        {
            var dataViewId = lens.ReferencedId($"indexpattern-datasource-layer-{layer.Name}") ?? "";
            foreach (var column in layer.Value.GetProperty("columns").EnumerateObject())
            {
                foreach (var use in FromLensColumn(lens, dataViewId, column.Value))
                {
                    yield return use;
                }
            }

            foreach (var field in KqlFields(query))
            {
                yield return new FieldUse(lens, dataViewId, field, FieldUsage.Present, "query");
            }
        }
    }

    private static IEnumerable<FieldUse> FromLensColumn(SavedObject lens, string dataViewId, JsonElement column)
    {
        var operation = column.GetProperty("operationType").GetString()!;
        var label = column.TryGetProperty("label", out var l) ? l.GetString() : operation;
        var where = $"column '{label}' ({operation})";
        if (column.TryGetProperty("sourceField", out var source) && source.GetString() is { } field && field != RecordsField)
        {
            var usage = operation switch
            {
                "date_histogram" => FieldUsage.Time,
                "sum" or "average" or "min" or "max" or "median" or "percentile" or "percentile_rank" or "standard_deviation"
                    or "range" => FieldUsage.Numeric,
                _ => FieldUsage.Aggregated,
            };
            yield return new FieldUse(lens, dataViewId, field, usage, where);
        }

        if (column.TryGetProperty("params", out var parameters))
        {
            if (parameters.TryGetProperty("sortField", out var sort) && sort.GetString() is { Length: > 0 } sortField)
            {
                yield return new FieldUse(lens, dataViewId, sortField, FieldUsage.Time, where + " sort");
            }

            if (parameters.TryGetProperty("filters", out var filters))
            {
                foreach (var filter in filters.EnumerateArray())
                {
                    foreach (var kqlField in KqlFields(filter.GetProperty("input").GetProperty("query").GetString() ?? ""))
                    {
                        yield return new FieldUse(lens, dataViewId, kqlField, FieldUsage.Present, where + " filter");
                    }
                }
            }
        }
    }

    private static IEnumerable<FieldUse> FromMap(SavedObject map)
    {
        var layers = map.Json("layerListJSON") ?? throw new InvalidDataException($"{map} has no layerListJSON.");
        foreach (var layer in layers.EnumerateArray())
        {
            var source = layer.GetProperty("sourceDescriptor");
            if (!source.TryGetProperty("indexPatternRefName", out var refName))
            {
                continue; // base maps and other non-Elasticsearch sources
            }

            var dataViewId = map.ReferencedId(refName.GetString()!) ?? "";
            var layerName = layer.TryGetProperty("label", out var label) && label.ValueKind == JsonValueKind.String
                ? label.GetString()
                : layer.GetProperty("id").GetString();
            var where = $"layer '{layerName}'";
            if (source.TryGetProperty("geoField", out var geo))
            {
                yield return new FieldUse(map, dataViewId, geo.GetString()!, FieldUsage.Geometry, where + " geometry");
            }

            if (source.TryGetProperty("tooltipProperties", out var tooltips))
            {
                foreach (var tooltip in tooltips.EnumerateArray())
                {
                    yield return new FieldUse(map, dataViewId, tooltip.GetString()!, FieldUsage.Present, where + " tooltip");
                }
            }

            foreach (var name in new[] { "sortField", "topHitsSplitField" })
            {
                if (source.TryGetProperty(name, out var f) && f.GetString() is { Length: > 0 } sorted)
                {
                    yield return new FieldUse(map, dataViewId, sorted, FieldUsage.Aggregated, $"{where} {name}");
                }
            }

            if (layer.TryGetProperty("style", out var style) && style.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    if (property.Value.TryGetProperty("type", out var type) && type.GetString() == "DYNAMIC"
                        && property.Value.GetProperty("options").TryGetProperty("field", out var styled)
                        && styled.TryGetProperty("origin", out var origin) && origin.GetString() == "source")
                    {
                        var categorical = property.Value.GetProperty("options").TryGetProperty("type", out var kind)
                            && kind.GetString() == "CATEGORICAL";
                        yield return new FieldUse(
                            map,
                            dataViewId,
                            styled.GetProperty("name").GetString()!,
                            categorical ? FieldUsage.Aggregated : FieldUsage.Numeric,
                            $"{where} {property.Name} style");
                    }
                }
            }

            if (layer.TryGetProperty("query", out var layerQuery) && layerQuery.TryGetProperty("query", out var kql))
            {
                foreach (var field in KqlFields(kql.GetString() ?? ""))
                {
                    yield return new FieldUse(map, dataViewId, field, FieldUsage.Present, where + " query");
                }
            }
        }
    }

    /// <summary>Field names on the left of <c>field : value</c> in a KQL query; quoted values are ignored.</summary>
    public static IEnumerable<string> KqlFields(string kql)
    {
        var unquoted = QuotedString().Replace(kql, "\"\"");
        return KqlField().Matches(unquoted).Select(m => m.Groups["field"].Value).Distinct(StringComparer.Ordinal);
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"(?<![\w.])(?<field>[A-Za-z_@][\w.]*)\s*:")]
    private static partial Regex KqlField();
}
