namespace Etl.Testing.Docker;

/// <summary>Pinned images for the real-server fixtures; compose.yaml pins the same versions.</summary>
public static class RealServerImages
{
    public const string Elasticsearch = "docker.elastic.co/elasticsearch/elasticsearch:8.15.3";
    public const string Kafka = "apache/kafka:3.8.1";
}
