using DotNet.Testcontainers.Configurations;

namespace Etl.Testing.Docker;

/// <summary>Whether Testcontainers can reach a Docker engine here, and if not, the reason tests report when they skip.</summary>
public static class DockerAvailability
{
    /// <summary>
    /// Null when an engine endpoint was found; otherwise why not. Testcontainers resolves the endpoint from
    /// DOCKER_HOST, ~/.testcontainers.properties and the default socket; without one, <c>Build()</c> would throw.
    /// </summary>
    public static string? SkipReason =>
        TestcontainersSettings.OS.DockerEndpointAuthConfig is null
            ? "No Docker engine is reachable (Testcontainers found no endpoint: set DOCKER_HOST or start Docker), so the real-server tests cannot run here."
            : null;
}
