using Avro.Specific;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;

namespace Etl.Kafka.Registry;

/// <summary>
/// The Confluent registry client and Avro serdes, set up the way every process of this project uses them: subjects by
/// TopicNameStrategy (<c>&lt;topic&gt;-value</c>) — the client's newer default first asks <c>/associations</c>, which
/// registries without that API answer with an error — and schema registration only where asked for (<c>setup</c>).
/// </summary>
public static class AvroSerdes
{
    /// <summary>A caching registry client for <paramref name="options"/> (already validated).</summary>
    public static ISchemaRegistryClient CreateClient(SchemaRegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new SchemaRegistryConfig
        {
            Url = string.Join(',', options.Urls()),
            RequestTimeoutMs = (int)options.RequestTimeout.TotalMilliseconds,
            MaxCachedSchemas = options.MaxCachedSchemas,
            MaxRetries = options.MaxRetries,
            RetriesWaitMs = (int)options.RetryBaseDelay.TotalMilliseconds,
            RetriesMaxWaitMs = (int)options.RetryMaxDelay.TotalMilliseconds,
        };
        if (!string.IsNullOrEmpty(options.BasicAuthUserInfo))
        {
            config.BasicAuthCredentialsSource = AuthCredentialsSource.UserInfo;
            config.BasicAuthUserInfo = options.BasicAuthUserInfo;
        }

        return new CachedSchemaRegistryClient(config);
    }

    /// <summary>
    /// A serializer for <typeparamref name="T"/>. With <paramref name="autoRegister"/> false (every process but
    /// <c>setup</c>) the schema must already be registered under the subject; the serializer only looks its id up.
    /// </summary>
    public static AvroSerializer<T> Serializer<T>(ISchemaRegistryClient client, bool autoRegister = false)
        where T : ISpecificRecord =>
        new(client, new AvroSerializerConfig { AutoRegisterSchemas = autoRegister, SubjectNameStrategy = SubjectNameStrategy.Topic });

    /// <summary>A deserializer for <typeparamref name="T"/>: the writer's schema comes from the registry by the id in the frame (cached).</summary>
    public static AvroDeserializer<T> Deserializer<T>(ISchemaRegistryClient client)
        where T : ISpecificRecord =>
        new(client, new AvroDeserializerConfig { SubjectNameStrategy = SubjectNameStrategy.Topic });
}
