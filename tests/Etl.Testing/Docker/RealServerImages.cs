namespace Etl.Testing.Docker;

/// <summary>Pinned images for the real-server fixtures; compose.yaml pins the same versions.</summary>
public static class RealServerImages
{
    /// <summary>Elasticsearch 9: Elastic.Clients.Elasticsearch 9.x speaks only to a 9.x server.</summary>
    public const string Elasticsearch = "docker.elastic.co/elasticsearch/elasticsearch:9.4.1";

    public const string Kafka = "apache/kafka:3.8.1";

    public const string SchemaRegistry = "confluentinc/cp-schema-registry:7.7.1";
}
