using System.Text.Json;
using System.Text.RegularExpressions;
using Etl.Stack.Tests.Repository;
using Xunit;

namespace Etl.Stack.Tests.Compose;

public sealed class ComposeFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("etl-compose-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableFact]
    public async Task Docker_compose_accepts_the_file_with_the_example_env_in_every_profile()
    {
        var envFile = WriteEnv(File.ReadAllLines(ComposeFile.EnvExamplePath));

        var result = await DockerComposeConfigAsync(envFile, "--profile", "semantic", "--profile", "replay");

        Assert.True(result.ExitCode == 0, result.Describe("docker-compose config -q"));
    }

    [SkippableFact]
    public async Task Docker_compose_refuses_to_start_without_the_elastic_password_and_says_which_is_missing()
    {
        var envFile = WriteEnv(File.ReadAllLines(ComposeFile.EnvExamplePath).Where(l => !l.StartsWith("ELASTIC_PASSWORD=", StringComparison.Ordinal)));

        var result = await DockerComposeConfigAsync(envFile);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("ELASTIC_PASSWORD is not set", result.StandardError, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Every_image_is_pinned_to_a_version()
    {
        await YamlFiles.SkipUnlessAvailableAsync();

        var services = await ComposeFile.ServicesAsync();

        Assert.NotEmpty(services);
        foreach (var (name, service) in services)
        {
            Assert.True(service.TryGetProperty("image", out var image), $"Service '{name}' has no image: name; give it a pinned image (built ones too).");
            Assert.Null(ImageReference.Unpinned(image.GetString()!));
        }
    }

    [SkippableFact]
    public async Task Services_that_others_wait_on_as_healthy_have_a_health_check()
    {
        await YamlFiles.SkipUnlessAvailableAsync();
        var services = await ComposeFile.ServicesAsync();

        foreach (var (name, service) in services)
        {
            foreach (var dependency in DependsOn(service).Where(d => d.Condition == "service_healthy"))
            {
                Assert.True(services.ContainsKey(dependency.Service), $"'{name}' depends on unknown service '{dependency.Service}'.");
                var target = services[dependency.Service];
                var check = target.TryGetProperty("healthcheck", out var h) ? h : default;
                var disabled = check.ValueKind == JsonValueKind.Object && check.TryGetProperty("disable", out var d) && d.GetBoolean();
                Assert.True(
                    check.ValueKind == JsonValueKind.Object && !disabled && check.TryGetProperty("test", out _),
                    $"'{name}' waits for '{dependency.Service}' to be healthy, but '{dependency.Service}' has no health check.");
            }
        }
    }

    [SkippableFact]
    public async Task One_shot_setup_services_are_not_restarted_and_others_wait_for_them_to_finish()
    {
        await YamlFiles.SkipUnlessAvailableAsync();
        var services = await ComposeFile.ServicesAsync();
        var oneShots = services.Values.SelectMany(DependsOn).Where(d => d.Condition == "service_completed_successfully")
            .Select(d => d.Service).ToHashSet();

        Assert.Empty(new[] { "es-certs", "es-users", "etl-setup" }.Except(oneShots));
        foreach (var name in oneShots.Append("kibana-setup").Append("generator"))
        {
            Assert.Equal("no", services[name].GetProperty("restart").GetString());
        }

        Assert.Equal(["setup"], services["etl-setup"].GetProperty("command").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("/kibana/import.sh", services["kibana-setup"].GetProperty("entrypoint").EnumerateArray().Select(c => c.GetString()));
    }

    [SkippableFact]
    public async Task The_semantic_profile_runs_a_384_dimension_embedder_the_ETL_services_can_reach()
    {
        await YamlFiles.SkipUnlessAvailableAsync();
        var services = await ComposeFile.ServicesAsync();

        var embeddings = services["embeddings"];
        Assert.Equal(["semantic"], embeddings.GetProperty("profiles").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains("sentence-transformers/all-MiniLM-L6-v2", embeddings.GetProperty("command").EnumerateArray().Select(c => c.GetString()));
        foreach (var name in new[] { "etl-worker", "etl-scheduler" })
        {
            var environment = services[name].GetProperty("environment");
            Assert.Equal("http://embeddings:80/", environment.GetProperty("Embedding__Endpoint").GetString());
            // The in-process model unless .env picks the server (http) or the firehose mode (hashing).
            Assert.Equal("${EMBEDDING_PROVIDER:-onnx}", environment.GetProperty("Embedding__Provider").GetString());
        }
    }

    [Fact]
    public void Every_variable_compose_requires_is_in_the_env_example()
    {
        var required = Regex.Matches(File.ReadAllText(ComposeFile.Path), @"\$\{(?<name>\w+):\?").Select(m => m.Groups["name"].Value).ToHashSet();
        var defined = File.ReadAllLines(ComposeFile.EnvExamplePath)
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.TrimStart().StartsWith('#'))
            .Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)].Trim())
            .ToHashSet();

        Assert.NotEmpty(required);
        Assert.Empty(required.Except(defined));
    }

    [Fact]
    public void The_real_env_file_is_never_committed()
    {
        var ignored = File.ReadAllLines(RepositoryRoot.Combine(".gitignore")).Select(l => l.Trim());

        Assert.Contains(".env", ignored);
    }

    private static IEnumerable<(string Service, string Condition)> DependsOn(JsonElement service)
    {
        if (!service.TryGetProperty("depends_on", out var dependsOn))
        {
            return [];
        }

        return dependsOn.ValueKind == JsonValueKind.Array
            ? dependsOn.EnumerateArray().Select(d => (d.GetString()!, "service_started"))
            : dependsOn.EnumerateObject().Select(d => (d.Name, d.Value.TryGetProperty("condition", out var c) ? c.GetString()! : "service_started"));
    }

    private string WriteEnv(IEnumerable<string> lines)
    {
        var path = Path.Combine(_directory, ".env");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static async Task<ProcessResult> DockerComposeConfigAsync(string envFile, params string[] extra)
    {
        var dockerCompose = ExternalTool.Find("docker-compose");
        Skip.If(dockerCompose is null, "docker-compose is not installed (Debian: apt-get install docker-compose); it validates compose.yaml without an engine.");

        // Variables from the test process would mask the env file under test.
        var scrubbed = File.ReadAllLines(ComposeFile.EnvExamplePath)
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.TrimStart().StartsWith('#'))
            .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)].Trim(), _ => (string?)null);
        return await ExternalTool.RunAsync(
            dockerCompose!,
            ["-f", ComposeFile.Path, "--env-file", envFile, .. extra, "config", "-q"],
            RepositoryRoot.Path,
            environment: scrubbed);
    }
}
