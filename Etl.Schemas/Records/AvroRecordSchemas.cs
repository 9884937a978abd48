using Etl.Schemas.Avro;

namespace Etl.Schemas.Records;

/// <summary>The schemas shipped with this assembly (<c>Etl.Schemas/avro/*.avsc</c>, embedded), parsed once.</summary>
public static class AvroRecordSchemas
{
    private static readonly Lazy<RecordSchema> TweetSchema = new(() => (RecordSchema)AvroSchema.Parse(ReadText("Tweet.avsc")));
    private static readonly Lazy<RecordSchema> DeadLetterSchema = new(() => (RecordSchema)AvroSchema.Parse(ReadText("DeadLetter.avsc")));

    /// <summary><c>etl.tweets.Tweet</c>, the value schema of tweets.raw.</summary>
    public static RecordSchema Tweet => TweetSchema.Value;

    /// <summary><c>etl.tweets.DeadLetter</c>, the value schema of tweets.dlq.</summary>
    public static RecordSchema DeadLetter => DeadLetterSchema.Value;

    /// <summary>The text of an embedded schema file, e.g. <c>Tweet.avsc</c>.</summary>
    public static string ReadText(string fileName)
    {
        var name = "Etl.Schemas.avro." + fileName;
        using var stream = typeof(AvroRecordSchemas).Assembly.GetManifestResourceStream(name)
            ?? throw new FileNotFoundException($"Embedded schema '{name}' is missing; check the EmbeddedResource item in Etl.Schemas.csproj.", fileName);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
