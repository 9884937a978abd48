using System.Text.Json;
using Etl.Stack.Tests.Repository;
using Xunit;

namespace Etl.Stack.Tests.Kibana;

/// <summary>The dashboards and panels the product promises (issue #7) exist in the saved objects.</summary>
public sealed class DashboardCatalogTests
{
    public static TheoryData<string, string[]> Promised => new()
    {
        {
            "Tweets · Overview",
            [
                "Tweet volume over time", "Top hashtags", "Hashtag cloud", "Sentiment over time", "Sentiment mix", "Language mix",
                "Top mentioned users", "Engagement over time", "Most-engaged tweets",
            ]
        },
        { "Tweets · Geo", ["Tweet locations by geo source", "Tweets by country"] },
        { "Tweets · Trends", ["Trend table", "Trend timeline"] },
        { "Tweets · Pipeline", ["Indexing rate", "Dead letters over time"] },
    };

    [Theory]
    [MemberData(nameof(Promised))]
    public void Dashboard_shows_the_promised_panels(string dashboardTitle, string[] panelTitles)
    {
        var objects = StackFiles.SavedObjects;
        var dashboard = Assert.Single(objects, o => o.Type == "dashboard" && o.Title == dashboardTitle);
        var byId = objects.ToDictionary(o => (o.Type, o.Id));
        var shown = dashboard.Json("panelsJSON")!.Value.EnumerateArray()
            .Select(panel => dashboard.References.Single(r => r.Name == $"{panel.GetProperty("panelIndex").GetString()}:{panel.GetProperty("panelRefName").GetString()}"))
            .Select(reference => byId[(reference.Type, reference.Id)].Title)
            .ToList();

        foreach (var title in panelTitles)
        {
            Assert.Contains(title, shown);
        }
    }

    [Fact]
    public void The_trend_table_shows_label_size_and_growth()
    {
        var table = Assert.Single(StackFiles.SavedObjects, o => o.Type == "lens" && o.Title == "Trend table");

        var fields = FieldUseExtractor.Extract(table).Select(u => u.Field).ToList();

        Assert.Contains("label.keyword", fields);
        Assert.Contains("size", fields);
        Assert.Contains("growth", fields);
    }

    [Fact]
    public void The_geo_map_places_tweets_by_geo_location_coloured_by_geo_source()
    {
        var map = Assert.Single(StackFiles.SavedObjects, o => o.Type == "map");

        var uses = FieldUseExtractor.Extract(map).ToList();

        Assert.Contains(uses, u => u.Field == "geo.location" && u.Usage == Elasticsearch.FieldUsage.Geometry);
        Assert.Contains(uses, u => u.Field == "geo.source" && u.Where.Contains("fillColor", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_dashboard_opens_on_a_time_range()
    {
        foreach (var dashboard in StackFiles.SavedObjects.Where(o => o.Type == "dashboard"))
        {
            Assert.True(dashboard.Attributes.GetProperty("timeRestore").GetBoolean(), $"{dashboard} does not store a time range.");
            Assert.Equal(JsonValueKind.String, dashboard.Attributes.GetProperty("timeFrom").ValueKind);
        }
    }
}
