using System.Text.Json;
using Etl.Stack.Tests.Repository;

namespace Etl.Stack.Tests.Kubernetes;

/// <summary>Every object in deploy/k8s/*.yaml, with the file it came from.</summary>
public static class KubernetesManifests
{
    public static string Directory => RepositoryRoot.Combine("deploy", "k8s");

    private static readonly Lazy<Task<IReadOnlyList<(string File, JsonElement Object)>>> Loaded = new(ReadAsync);

    /// <summary>Parsed once per test run: each file costs a python3 start.</summary>
    public static Task<IReadOnlyList<(string File, JsonElement Object)>> LoadAsync() => Loaded.Value;

    private static async Task<IReadOnlyList<(string File, JsonElement Object)>> ReadAsync()
    {
        var objects = new List<(string, JsonElement)>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            objects.AddRange((await YamlFiles.LoadAllAsync(file)).Select(o => (Path.GetFileName(file), o)));
        }

        return objects;
    }

    public static string Kind(this JsonElement manifest) => manifest.GetProperty("kind").GetString()!;

    public static string Name(this JsonElement manifest) => manifest.GetProperty("metadata").GetProperty("name").GetString()!;
}
