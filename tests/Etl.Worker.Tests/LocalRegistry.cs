using Avro.Specific;
using Confluent.Kafka;
using Confluent.Kafka.SyncOverAsync;
using Confluent.SchemaRegistry;
using Etl.Kafka.Registry;
using Etl.Schemas.Naming;
using Etl.Worker.DevStack;

namespace Etl.Worker.Tests;

/// <summary>
/// The dev-stack Schema Registry on loopback with Confluent's client, the project's schemas registered for the
/// test's topics the way <c>etl-worker setup</c> registers them (nothing else auto-registers).
/// </summary>
internal sealed class LocalRegistry : IAsyncDisposable
{
    private LocalRegistry(SchemaRegistryServer server)
    {
        Server = server;
        Client = server.CreateClient();
    }

    public SchemaRegistryServer Server { get; }

    public ISchemaRegistryClient Client { get; }

    public static async Task<LocalRegistry> StartAsync(string rawTopic = TopicNames.Raw, string deadLetterTopic = TopicNames.DeadLetter)
    {
        var registry = new LocalRegistry(await SchemaRegistryServer.StartAsync());
        await registry.RegisterAsync(rawTopic, deadLetterTopic);
        return registry;
    }

    public Task RegisterAsync(string rawTopic, string deadLetterTopic) =>
        SchemaRegistration.RegisterProjectSchemasAsync(Client, rawTopic, deadLetterTopic);

    /// <summary>Confluent's deserializer, for reading back what a test produced.</summary>
    public IDeserializer<T> Deserializer<T>()
        where T : ISpecificRecord => AvroSerdes.Deserializer<T>(Client).AsSyncOverAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
