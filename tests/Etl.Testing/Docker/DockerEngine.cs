using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Etl.Testing.Docker;

/// <summary>
/// A minimal client for the Docker Engine REST API over its unix socket: enough to pull an image, run a container
/// with a published port, and remove it. Testcontainers cannot be restored from the NuGet mirror here (its
/// dependencies are missing), so the real-server fixtures use this instead.
/// </summary>
public sealed class DockerEngine : IDisposable
{
    private readonly HttpClient http;

    private DockerEngine(string socketPath)
    {
        SocketPath = socketPath;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        http = new HttpClient(handler) { BaseAddress = new Uri("http://docker/v1.41/"), Timeout = TimeSpan.FromMinutes(10) };
    }

    public string SocketPath { get; }

    /// <summary>Why no engine is usable, or null when one answered <c>/_ping</c>.</summary>
    public static async Task<(DockerEngine? Engine, string? Reason)> TryConnectAsync()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        string socketPath;
        if (string.IsNullOrEmpty(host))
        {
            socketPath = "/var/run/docker.sock";
        }
        else if (host.StartsWith("unix://", StringComparison.Ordinal))
        {
            socketPath = host["unix://".Length..];
        }
        else
        {
            return (null, $"DOCKER_HOST={host} is not a unix socket; these fixtures only speak to a local engine.");
        }

        if (!File.Exists(socketPath))
        {
            return (null, $"No Docker engine: {socketPath} does not exist. Tests against a real server run where Docker is available.");
        }

        var engine = new DockerEngine(socketPath);
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var response = await engine.http.GetAsync("_ping", cts.Token);
            if (response.IsSuccessStatusCode)
            {
                return (engine, null);
            }

            engine.Dispose();
            return (null, $"Docker engine at {socketPath} answered /_ping with {(int)response.StatusCode}.");
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or OperationCanceledException)
        {
            engine.Dispose();
            return (null, $"Docker engine at {socketPath} is not reachable: {ex.Message}");
        }
    }

    /// <summary>Pulls the image if needed, then creates and starts a container. Published ports bind to 127.0.0.1.</summary>
    public async Task<DockerContainer> RunAsync(
        string image,
        IReadOnlyDictionary<string, string> environment,
        IReadOnlyDictionary<int, int> portBindings,
        CancellationToken cancellationToken = default)
    {
        var (name, tag) = SplitImage(image);
        using (var pull = await http.PostAsync($"images/create?fromImage={Uri.EscapeDataString(name)}&tag={Uri.EscapeDataString(tag)}", null, cancellationToken))
        {
            await EnsureOk(pull, $"pull {image}", cancellationToken);
            // The pull streams progress; reading it to the end waits for the pull to finish.
            await pull.Content.ReadAsStringAsync(cancellationToken);
        }

        var exposed = new JsonObject();
        var bindings = new JsonObject();
        foreach (var (containerPort, hostPort) in portBindings)
        {
            exposed[$"{containerPort}/tcp"] = new JsonObject();
            bindings[$"{containerPort}/tcp"] = new JsonArray(new JsonObject { ["HostIp"] = "127.0.0.1", ["HostPort"] = hostPort.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        var body = new JsonObject
        {
            ["Image"] = image,
            ["Env"] = new JsonArray(environment.Select(kv => (JsonNode)JsonValue.Create($"{kv.Key}={kv.Value}")!).ToArray()),
            ["ExposedPorts"] = exposed,
            ["HostConfig"] = new JsonObject { ["PortBindings"] = bindings, ["AutoRemove"] = false },
            ["Labels"] = new JsonObject { ["etl.tests"] = "true" },
        };
        string id;
        using (var create = await http.PostAsJsonAsync("containers/create", body, cancellationToken))
        {
            await EnsureOk(create, $"create a container from {image}", cancellationToken);
            var created = await create.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            id = created.GetProperty("Id").GetString()!;
        }

        using (var start = await http.PostAsync($"containers/{id}/start", null, cancellationToken))
        {
            await EnsureOk(start, $"start container {id[..12]} ({image})", cancellationToken);
        }

        return new DockerContainer(this, id, image);
    }

    internal async Task RemoveAsync(string id)
    {
        using var response = await http.DeleteAsync($"containers/{id}?force=true&v=true");
        if (response.StatusCode is not (HttpStatusCode.NoContent or HttpStatusCode.NotFound))
        {
            await EnsureOk(response, $"remove container {id[..12]}", CancellationToken.None);
        }
    }

    public void Dispose() => http.Dispose();

    private static (string Name, string Tag) SplitImage(string image)
    {
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        return colon > slash ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }

    private static async Task EnsureOk(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"Docker could not {what}: {(int)response.StatusCode} {text}");
        }
    }
}
