using System.Text.Json;
using Xunit;

namespace Etl.Stack.Tests.Repository;

/// <summary>
/// Reads YAML by asking python3 + PyYAML (Debian: python3-yaml) to turn it into JSON.
/// Why: there is no YAML library for .NET in the package mirror, and PyYAML is the parser most YAML tooling agrees with.
/// </summary>
public static class YamlFiles
{
    private const string ToJson =
        "import json, sys, yaml\n" +
        "json.dump(list(yaml.safe_load_all(open(sys.argv[1], encoding='utf-8'))), sys.stdout, default=str)\n";

    private static readonly Lazy<Task<string?>> Unavailable = new(ProbeAsync);

    /// <summary>Skips the calling test, saying what to install, when YAML cannot be read on this machine.</summary>
    public static async Task SkipUnlessAvailableAsync()
    {
        var reason = await Unavailable.Value;
        Skip.If(reason is not null, reason);
    }

    /// <summary>Every document in the file, as JSON.</summary>
    public static async Task<IReadOnlyList<JsonElement>> LoadAllAsync(string path)
    {
        var python = ExternalTool.Find("python3") ?? throw new InvalidOperationException("python3 is not on PATH.");
        var result = await ExternalTool.RunAsync(python, ["-c", ToJson, path], RepositoryRoot.Path);
        if (result.ExitCode != 0)
        {
            throw new FormatException($"'{path}' is not valid YAML:\n{result.StandardError}");
        }

        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.EnumerateArray()
            .Where(element => element.ValueKind != JsonValueKind.Null)
            .Select(element => element.Clone())
            .ToList();
    }

    private static async Task<string?> ProbeAsync()
    {
        var python = ExternalTool.Find("python3");
        if (python is null)
        {
            return "python3 is not installed (apt-get install python3 python3-yaml).";
        }

        var probe = await ExternalTool.RunAsync(python, ["-c", "import yaml"], RepositoryRoot.Path);
        return probe.ExitCode == 0 ? null : "PyYAML is not installed for python3 (apt-get install python3-yaml).";
    }
}
