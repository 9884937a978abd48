using System.Text.Json;

namespace Etl.Stack.Tests.Kibana;

/// <summary>
/// Checks the saved objects against what Kibana 9.x accepts on import, beyond the 8.x format they are written in.
/// The rules come from Kibana 9's own saved-object definitions (read, not copied):
/// <list type="bullet">
/// <item>the dashboard attribute schema (model versions 1–4) forbids unknown attributes, needs a title, and a
/// refresh interval with <c>pause</c> and <c>value</c>; panels carry grid data with numeric x, y, w, h and a string i;</item>
/// <item>the Lens attribute schema forbids anything beyond title, description, visualizationType, state and version;</item>
/// <item>9.x Lens rewrites two 8.x legend settings on read (<c>valuesInLegend</c> on XY charts and
/// <c>showValuesInLegend</c> on pie layers became <c>legendStats</c>) — objects written today should use the new form;</item>
/// </list>
/// </summary>
public static class KibanaNineFormatChecker
{
    private static readonly HashSet<string> DashboardAttributes =
    [
        "title", "description", "kibanaSavedObjectMeta", "timeRestore", "timeFrom", "timeTo", "refreshInterval",
        "controlGroupInput", "panelsJSON", "optionsJSON", "hits", "version", "sections",
    ];

    private static readonly HashSet<string> LensAttributes = ["title", "description", "visualizationType", "state", "version"];

    public static IReadOnlyList<string> Check(IReadOnlyList<SavedObject> objects)
    {
        var problems = new List<string>();
        foreach (var saved in objects)
        {
            switch (saved.Type)
            {
                case "dashboard":
                    problems.AddRange(Dashboard(saved));
                    break;
                case "lens":
                    problems.AddRange(Lens(saved));
                    break;
            }
        }

        return problems;
    }

    private static IEnumerable<string> Dashboard(SavedObject dashboard)
    {
        foreach (var attribute in dashboard.Attributes.EnumerateObject().Where(a => !DashboardAttributes.Contains(a.Name)))
        {
            yield return $"{dashboard}: attribute '{attribute.Name}' is not in Kibana 9's dashboard schema, which rejects unknown attributes.";
        }

        if (!dashboard.Attributes.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String)
        {
            yield return $"{dashboard}: has no string 'title', which Kibana 9's dashboard schema requires.";
        }

        if (dashboard.Attributes.TryGetProperty("refreshInterval", out var refresh)
            && !(refresh.TryGetProperty("pause", out var pause) && pause.ValueKind is JsonValueKind.True or JsonValueKind.False
                 && refresh.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number))
        {
            yield return $"{dashboard}: refreshInterval needs a boolean 'pause' and a numeric 'value'.";
        }

        if (dashboard.Json("panelsJSON") is not { ValueKind: JsonValueKind.Array } panels)
        {
            yield break;
        }

        foreach (var panel in panels.EnumerateArray())
        {
            var index = panel.TryGetProperty("panelIndex", out var i) ? i.GetString() : null;
            if (index is null)
            {
                yield return $"{dashboard}: a panel has no panelIndex.";
                continue;
            }

            if (!panel.TryGetProperty("gridData", out var grid)
                || new[] { "x", "y", "w", "h" }.Any(k => !grid.TryGetProperty(k, out var n) || n.ValueKind != JsonValueKind.Number)
                || !grid.TryGetProperty("i", out var gi) || gi.ValueKind != JsonValueKind.String)
            {
                yield return $"{dashboard}: panel '{index}' needs gridData with numeric x, y, w, h and a string i.";
            }
        }
    }

    private static IEnumerable<string> Lens(SavedObject lens)
    {
        foreach (var attribute in lens.Attributes.EnumerateObject().Where(a => !LensAttributes.Contains(a.Name)))
        {
            yield return $"{lens}: attribute '{attribute.Name}' is not in Kibana 9's Lens schema, which rejects unknown attributes.";
        }

        if (lens.Json("state") is not { } state || !state.TryGetProperty("visualization", out var visualization))
        {
            yield break;
        }

        if (visualization.TryGetProperty("valuesInLegend", out _))
        {
            yield return $"{lens}: 'valuesInLegend' is the 8.x form; Kibana 9 uses legend.legendStats (e.g. [\"currentAndLastValue\"]).";
        }

        if (visualization.TryGetProperty("layers", out var layers) && layers.ValueKind == JsonValueKind.Array
            && layers.EnumerateArray().Any(l => l.ValueKind == JsonValueKind.Object && l.TryGetProperty("showValuesInLegend", out _)))
        {
            yield return $"{lens}: a layer has 'showValuesInLegend', the 8.x form; Kibana 9 uses the layer's legendStats (e.g. [\"value\"]).";
        }
    }
}
