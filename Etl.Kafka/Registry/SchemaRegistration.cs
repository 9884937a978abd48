using Confluent.SchemaRegistry;
using Etl.Schemas.Naming;
using etl.tweets;

namespace Etl.Kafka.Registry;

/// <summary>
/// Registers this project's value schemas under their topics' subjects (TopicNameStrategy). Only <c>etl-worker setup</c>
/// (and the local dev-stack and demo, which stand in for it) registers; every other process looks the ids up. A change
/// the registry's compatibility rule refuses fails with the registry's own reason.
/// </summary>
public static class SchemaRegistration
{
    /// <summary>Registers Tweet.avsc under <c>&lt;raw&gt;-value</c> and DeadLetter.avsc under <c>&lt;deadLetter&gt;-value</c>.</summary>
    /// <returns>Each subject with the id the registry gave its schema.</returns>
    /// <exception cref="SchemaIncompatibleException">The registry refused a schema as incompatible with the subject's history.</exception>
    public static async Task<IReadOnlyList<(string Subject, int Id)>> RegisterProjectSchemasAsync(
        ISchemaRegistryClient client, string raw = TopicNames.Raw, string deadLetter = TopicNames.DeadLetter)
    {
        return
        [
            (SubjectFor(raw), await RegisterAsync(client, raw, TweetSchemas.ReadText("Tweet.avsc"))),
            (SubjectFor(deadLetter), await RegisterAsync(client, deadLetter, TweetSchemas.ReadText("DeadLetter.avsc"))),
        ];
    }

    /// <summary>Registers <paramref name="schemaJson"/> (Avro) as the value schema of <paramref name="topic"/>; idempotent.</summary>
    /// <exception cref="SchemaIncompatibleException">The registry answered 409: the schema breaks the subject's compatibility rule.</exception>
    public static async Task<int> RegisterAsync(ISchemaRegistryClient client, string topic, string schemaJson)
    {
        ArgumentNullException.ThrowIfNull(client);
        var subject = SubjectFor(topic);
        try
        {
            // An explicit (empty) reference list: the client hashes it when caching the schema.
            return await client.RegisterSchemaAsync(subject, new Schema(schemaJson, [], SchemaType.Avro));
        }
        catch (SchemaRegistryException ex) when (ex.Status == System.Net.HttpStatusCode.Conflict)
        {
            throw new SchemaIncompatibleException(
                $"Schema Registry refused the schema for subject '{subject}' as incompatible: {ex.Message}. " +
                "Make the change compatible (add fields with defaults, do not remove or retype fields without one), or register it under a new topic.", ex);
        }
    }

    /// <summary>The value subject of <paramref name="topic"/> under TopicNameStrategy.</summary>
    public static string SubjectFor(string topic) => topic + "-value";
}
