using Etl.Stack.Tests.Repository;
using Xunit;

namespace Etl.Stack.Tests.Kibana;

public sealed class SavedObjectsTests
{
    private static readonly HashSet<string> ImportableTypes = ["index-pattern", "lens", "map", "dashboard", "search", "visualization"];

    [Fact]
    public void Every_line_is_a_saved_object_of_an_importable_type()
    {
        var objects = StackFiles.SavedObjects;

        Assert.NotEmpty(objects);
        Assert.All(objects, o => Assert.Contains(o.Type, ImportableTypes));
        Assert.Equal(File.ReadLines(StackFiles.SavedObjectsPath).Count(l => l.Length > 0), objects.Count);
    }

    [Fact]
    public void Every_object_names_the_Kibana_8_migration_versions_its_format_follows()
    {
        foreach (var line in File.ReadLines(StackFiles.SavedObjectsPath).Where(l => l.Length > 0))
        {
            using var document = System.Text.Json.JsonDocument.Parse(line);
            var root = document.RootElement;
            Assert.Equal("8.8.0", root.GetProperty("coreMigrationVersion").GetString());
            var typeVersion = Version.Parse(root.GetProperty("typeMigrationVersion").GetString()!);
            // Kibana refuses objects from a newer version than itself and migrates older ones on import (9.4 included).
            Assert.True(typeVersion <= new Version(8, 9, 0), $"{root.GetProperty("type")} {root.GetProperty("id")} claims migration version {typeVersion}.");
        }
    }

    [Fact]
    public void Every_reference_between_saved_objects_resolves()
    {
        var problems = ReferenceChecker.Check(StackFiles.SavedObjects);

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void A_panel_whose_lens_is_missing_from_the_file_is_reported()
    {
        var dashboard = SavedObjectFile.Parse(
            """{"type":"dashboard","id":"d1","attributes":{"title":"D","panelsJSON":"[{\"type\":\"lens\",\"panelIndex\":\"p1\",\"panelRefName\":\"panel_p1\",\"gridData\":{\"x\":0,\"y\":0,\"w\":24,\"h\":8,\"i\":\"p1\"},\"embeddableConfig\":{}}]"},"references":[{"name":"p1:panel_p1","type":"lens","id":"gone"}]}""",
            1,
            "test");

        var problems = ReferenceChecker.Check([dashboard]);

        Assert.Contains(problems, p => p.Contains("lens 'gone'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_lens_layer_without_its_data_view_reference_is_reported()
    {
        var lens = SavedObjectFile.Parse(
            """{"type":"lens","id":"l1","attributes":{"title":"L","visualizationType":"lnsMetric","state":{"visualization":{"layerId":"a","metricAccessor":"c"},"datasourceStates":{"formBased":{"layers":{"a":{"columns":{"c":{"operationType":"count","sourceField":"___records___"}},"columnOrder":["c"]}}}}}},"references":[]}""",
            1,
            "test");

        var problems = ReferenceChecker.Check([lens]);

        Assert.Contains(problems, p => p.Contains("indexpattern-datasource-layer-a", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task The_committed_NDJSON_is_what_the_generator_writes()
    {
        var python = ExternalTool.Find("python3");
        Skip.If(python is null, "python3 is not installed, so the generator cannot be run.");

        var result = await ExternalTool.RunAsync(python!, ["kibana/generate_saved_objects.py", "--check"], RepositoryRoot.Path);

        Assert.True(result.ExitCode == 0, result.Describe("generate_saved_objects.py --check"));
    }
}
