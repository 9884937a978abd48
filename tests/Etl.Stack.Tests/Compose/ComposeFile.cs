using System.Text.Json;
using Etl.Stack.Tests.Repository;

namespace Etl.Stack.Tests.Compose;

/// <summary>compose.yaml, parsed (YAML anchors and merge keys resolved).</summary>
public static class ComposeFile
{
    public static string Path => RepositoryRoot.Combine("compose.yaml");

    public static string EnvExamplePath => RepositoryRoot.Combine(".env.example");

    private static readonly Lazy<Task<IReadOnlyDictionary<string, JsonElement>>> Services = new(ReadServicesAsync);

    /// <summary>The services, parsed once per test run.</summary>
    public static Task<IReadOnlyDictionary<string, JsonElement>> ServicesAsync() => Services.Value;

    private static async Task<IReadOnlyDictionary<string, JsonElement>> ReadServicesAsync()
    {
        var document = (await YamlFiles.LoadAllAsync(Path)).Single();
        return document.GetProperty("services").EnumerateObject().ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
    }
}
