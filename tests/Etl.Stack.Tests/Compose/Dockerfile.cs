using System.Text.RegularExpressions;
using Etl.Stack.Tests.Repository;

namespace Etl.Stack.Tests.Compose;

/// <summary>deploy/docker/Dockerfile split into stages, with continuation lines joined.</summary>
public sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyDictionary<string, string> imageArguments, IReadOnlyList<DockerfileStage> stages)
    {
        ImageArguments = imageArguments;
        Stages = stages;
    }

    public static string Path => RepositoryRoot.Combine("deploy", "docker", "Dockerfile");

    /// <summary>Global <c>ARG NAME=default</c> lines, by name.</summary>
    public IReadOnlyDictionary<string, string> ImageArguments { get; }

    public IReadOnlyList<DockerfileStage> Stages { get; }

    public DockerfileStage Stage(string name) =>
        Stages.SingleOrDefault(s => s.Name == name) ?? throw new InvalidDataException($"The Dockerfile has no stage '{name}'.");

    public static Dockerfile Load()
    {
        var instructions = Continuation().Replace(File.ReadAllText(Path), " ")
            .Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new List<DockerfileStage>();
        foreach (var line in instructions)
        {
            var (keyword, rest) = (line.Split(' ', 2)[0].ToUpperInvariant(), line.Split(' ', 2).ElementAtOrDefault(1) ?? "");
            if (keyword == "FROM")
            {
                var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var name = parts.Length >= 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[2] : $"#{stages.Count}";
                stages.Add(new DockerfileStage(name, parts[0], new List<(string, string)>()));
            }
            else if (stages.Count == 0 && keyword == "ARG" && rest.Contains('=', StringComparison.Ordinal))
            {
                arguments[rest[..rest.IndexOf('=', StringComparison.Ordinal)]] = rest[(rest.IndexOf('=', StringComparison.Ordinal) + 1)..];
            }
            else if (stages.Count > 0)
            {
                ((List<(string, string)>)stages[^1].Instructions).Add((keyword, rest));
            }
        }

        return new Dockerfile(arguments, stages);
    }

    /// <summary>The image a stage starts from, with <c>${ARG}</c> defaults substituted; null when it builds on another stage.</summary>
    public string? BaseImage(DockerfileStage stage)
    {
        var from = Regex.Replace(stage.From, @"\$\{?(\w+)\}?", m => ImageArguments.GetValueOrDefault(m.Groups[1].Value, m.Value));
        return Stages.Any(s => s.Name == from) ? null : from;
    }

    /// <summary>The external image at the root of a stage's chain of <c>FROM</c>s.</summary>
    public string RootImage(DockerfileStage stage)
    {
        var parent = Stages.FirstOrDefault(s => s.Name == stage.From);
        return parent is null ? BaseImage(stage)! : RootImage(parent);
    }

    /// <summary>Instructions of a stage and of every stage it builds on, base first.</summary>
    public IEnumerable<(string Keyword, string Arguments)> Effective(DockerfileStage stage)
    {
        var parent = Stages.FirstOrDefault(s => s.Name == stage.From);
        return parent is null ? stage.Instructions : Effective(parent).Concat(stage.Instructions);
    }

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex Continuation();
}
