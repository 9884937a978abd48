using Etl.Stack.Tests.Repository;
using Xunit;

namespace Etl.Stack.Tests.Kibana;

public sealed class KibanaNineFormatTests
{
    private const string Panel = """{\"type\":\"lens\",\"panelIndex\":\"p1\",\"panelRefName\":\"panel_p1\",\"gridData\":{\"x\":0,\"y\":0,\"w\":24,\"h\":8,\"i\":\"p1\"},\"embeddableConfig\":{}}""";

    [Fact]
    public void The_committed_saved_objects_follow_the_Kibana_9_dashboard_and_Lens_schemas()
    {
        var problems = KibanaNineFormatChecker.Check(StackFiles.SavedObjects);

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void A_dashboard_attribute_Kibana_9_does_not_know_is_reported()
    {
        var problems = Check($$"""{"type":"dashboard","id":"d1","attributes":{"title":"D","uiStateJSON":"{}","panelsJSON":"[{{Panel}}]"},"references":[]}""");

        Assert.Contains(problems, p => p.Contains("'uiStateJSON'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_dashboard_without_a_title_or_with_a_half_refresh_interval_is_reported()
    {
        var problems = Check("""{"type":"dashboard","id":"d1","attributes":{"refreshInterval":{"value":60000},"panelsJSON":"[]"},"references":[]}""");

        Assert.Contains(problems, p => p.Contains("'title'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("refreshInterval", StringComparison.Ordinal));
    }

    [Fact]
    public void A_panel_without_complete_grid_data_is_reported()
    {
        var problems = Check("""{"type":"dashboard","id":"d1","attributes":{"title":"D","panelsJSON":"[{\"type\":\"lens\",\"panelIndex\":\"p1\",\"gridData\":{\"x\":0,\"y\":0,\"w\":24},\"embeddableConfig\":{}}]"},"references":[]}""");

        Assert.Contains(problems, p => p.Contains("panel 'p1' needs gridData", StringComparison.Ordinal));
    }

    [Fact]
    public void A_Lens_attribute_outside_the_schema_is_reported()
    {
        var problems = Check("""{"type":"lens","id":"l1","attributes":{"title":"L","visualizationType":"lnsXY","state":{},"uiStateJSON":"{}"},"references":[]}""");

        Assert.Contains(problems, p => p.Contains("'uiStateJSON'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_8x_legend_value_settings_are_reported_with_their_9x_replacement()
    {
        var xy = Check("""{"type":"lens","id":"l1","attributes":{"title":"L","visualizationType":"lnsXY","state":{"visualization":{"valuesInLegend":true,"legend":{"isVisible":true}}}},"references":[]}""");
        var pie = Check("""{"type":"lens","id":"l2","attributes":{"title":"P","visualizationType":"lnsPie","state":{"visualization":{"shape":"donut","layers":[{"layerId":"a","showValuesInLegend":true}]}}},"references":[]}""");

        Assert.Contains(xy, p => p.Contains("legendStats", StringComparison.Ordinal));
        Assert.Contains(pie, p => p.Contains("legendStats", StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> Check(string line) => KibanaNineFormatChecker.Check([SavedObjectFile.Parse(line, 1, "test")]);
}
