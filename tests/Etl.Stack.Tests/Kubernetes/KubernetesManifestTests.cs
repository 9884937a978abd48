using System.Text.Json;
using Etl.Stack.Tests.Compose;
using Xunit;

namespace Etl.Stack.Tests.Kubernetes;

public sealed class KubernetesManifestTests
{
    [SkippableFact]
    public async Task Every_manifest_parses_and_kustomization_lists_every_applied_file()
    {
        await Repository.YamlFiles.SkipUnlessAvailableAsync();
        var objects = await KubernetesManifests.LoadAsync();

        Assert.All(objects, o => Assert.True(o.Object.TryGetProperty("apiVersion", out _) && o.Object.TryGetProperty("kind", out _), $"{o.File} has an object without apiVersion/kind."));
        var kustomization = Assert.Single(objects, o => o.Object.Kind() == "Kustomization").Object;
        var listed = kustomization.GetProperty("resources").EnumerateArray().Select(r => r.GetString()!).ToHashSet();
        var files = objects.Select(o => o.File).Where(f => f != "kustomization.yaml").ToHashSet();
        Assert.Empty(listed.Except(files));
        // Only the secret example stays out: real secrets do not belong in the repository.
        Assert.Equal(["secret.example.yaml"], files.Except(listed));
    }

    [SkippableTheory]
    [InlineData("etl-worker", "9100", "run")]
    [InlineData("etl-scheduler", "8080", "run")]
    public async Task Deployment_probes_its_health_endpoints_and_requests_resources(string name, string port, string command)
    {
        await Repository.YamlFiles.SkipUnlessAvailableAsync();
        var objects = await KubernetesManifests.LoadAsync();

        var deployment = Assert.Single(objects, o => o.Object.Kind() == "Deployment" && o.Object.Name() == name).Object;
        var pod = deployment.GetProperty("spec").GetProperty("template").GetProperty("spec");
        Assert.True(pod.GetProperty("securityContext").GetProperty("runAsNonRoot").GetBoolean());
        var container = Assert.Single(pod.GetProperty("containers").EnumerateArray());
        Assert.Null(ImageReference.Unpinned(container.GetProperty("image").GetString()!));
        Assert.Equal([command], container.GetProperty("args").EnumerateArray().Select(a => a.GetString()));

        var ports = container.GetProperty("ports").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("containerPort").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("/healthz", ProbePath(container, "livenessProbe", ports, port));
        Assert.Equal("/readyz", ProbePath(container, "readinessProbe", ports, port));

        var requests = container.GetProperty("resources").GetProperty("requests");
        Assert.True(requests.TryGetProperty("cpu", out _) && requests.TryGetProperty("memory", out _), $"{name} requests no cpu or memory.");
    }

    [SkippableFact]
    public async Task Config_and_secrets_the_pods_read_are_defined()
    {
        await Repository.YamlFiles.SkipUnlessAvailableAsync();
        var objects = await KubernetesManifests.LoadAsync();
        var configMaps = objects.Where(o => o.Object.Kind() == "ConfigMap").ToDictionary(o => o.Object.Name(), o => o.Object);
        var secrets = objects.Where(o => o.Object.Kind() == "Secret").ToDictionary(o => o.Object.Name(), o => o.Object);

        foreach (var (_, deployment) in objects.Where(o => o.Object.Kind() == "Deployment"))
        {
            var container = deployment.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0];
            foreach (var source in container.GetProperty("envFrom").EnumerateArray())
            {
                if (source.TryGetProperty("configMapRef", out var map))
                {
                    Assert.True(configMaps.ContainsKey(map.GetProperty("name").GetString()!), $"{deployment.Name()} reads missing ConfigMap {map}.");
                }

                if (source.TryGetProperty("secretRef", out var secret))
                {
                    Assert.True(secrets.ContainsKey(secret.GetProperty("name").GetString()!), $"{deployment.Name()} reads Secret {secret} that no example shows.");
                }
            }
        }

        var settings = configMaps["tweet-etl-config"].GetProperty("data").EnumerateObject().Select(p => p.Name)
            .Concat(secrets["tweet-etl-secrets"].GetProperty("stringData").EnumerateObject().Select(p => p.Name))
            .ToHashSet();
        var documented = new HashSet<string>
        {
            "Kafka__BootstrapServers", "SchemaRegistry__Url", "Elasticsearch__Url", "Elasticsearch__Username", "Elasticsearch__Password",
            "Elasticsearch__CaFile", "Embedding__Provider", "Scheduler__ConnectionString", "Dashboard__Username", "Dashboard__Password", "QueryApi__ApiKey",
        };
        Assert.Empty(documented.Except(settings));
        // Semantic by default: all-MiniLM-L6-v2 in process, in the worker and the scheduler alike.
        Assert.Equal("onnx", configMaps["tweet-etl-config"].GetProperty("data").GetProperty("Embedding__Provider").GetString());
    }

    [SkippableFact]
    public async Task The_scheduler_service_reaches_the_scheduler_pods_http_port()
    {
        await Repository.YamlFiles.SkipUnlessAvailableAsync();
        var objects = await KubernetesManifests.LoadAsync();

        var service = Assert.Single(objects, o => o.Object.Kind() == "Service" && o.Object.Name() == "etl-scheduler").Object;
        var deployment = Assert.Single(objects, o => o.Object.Kind() == "Deployment" && o.Object.Name() == "etl-scheduler").Object;
        var podLabels = deployment.GetProperty("spec").GetProperty("template").GetProperty("metadata").GetProperty("labels");
        foreach (var selector in service.GetProperty("spec").GetProperty("selector").EnumerateObject())
        {
            Assert.Equal(selector.Value.GetString(), podLabels.GetProperty(selector.Name).GetString());
        }

        var target = service.GetProperty("spec").GetProperty("ports")[0].GetProperty("targetPort").GetString();
        var containerPorts = deployment.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0].GetProperty("ports");
        Assert.Contains(containerPorts.EnumerateArray(), p => p.GetProperty("name").GetString() == target && p.GetProperty("containerPort").GetInt32() == 8080);
    }

    private static string ProbePath(JsonElement container, string probe, Dictionary<string, string> ports, string expectedPort)
    {
        Assert.True(container.TryGetProperty(probe, out var definition), $"No {probe}.");
        var get = definition.GetProperty("httpGet");
        var port = get.GetProperty("port");
        var number = port.ValueKind == JsonValueKind.Number
            ? port.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)
            : ports.GetValueOrDefault(port.GetString()!, $"unknown port name '{port.GetString()}'");
        Assert.Equal(expectedPort, number);
        return get.GetProperty("path").GetString()!;
    }
}
