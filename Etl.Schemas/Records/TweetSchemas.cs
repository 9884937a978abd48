using Avro;

namespace etl.tweets;

/// <summary>
/// The schemas shipped in this assembly (<c>Etl.Schemas/avro/*.avsc</c>, embedded), parsed once by Apache Avro. The
/// record classes' <c>_SCHEMA</c> fields come from here, so a class can never carry a schema other than the file's.
/// </summary>
public static class TweetSchemas
{
    /// <summary><c>etl.tweets.Tweet</c>, the value schema of tweets.raw.</summary>
    public static RecordSchema Tweet { get; } = (RecordSchema)Schema.Parse(ReadText("Tweet.avsc"));

    /// <summary><c>etl.tweets.DeadLetter</c>, the value schema of tweets.dlq.</summary>
    public static RecordSchema DeadLetter { get; } = (RecordSchema)Schema.Parse(ReadText("DeadLetter.avsc"));

    /// <summary>The text of an embedded schema file, e.g. <c>Tweet.avsc</c>.</summary>
    public static string ReadText(string fileName)
    {
        var name = "Etl.Schemas.avro." + fileName;
        using var stream = typeof(TweetSchemas).Assembly.GetManifestResourceStream(name)
            ?? throw new FileNotFoundException($"Embedded schema '{name}' is missing; check the EmbeddedResource item in Etl.Schemas.csproj.", fileName);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The record schema of field <paramref name="field"/> of <paramref name="record"/>, looking through <c>["null", record]</c> and arrays.</summary>
    public static RecordSchema Nested(RecordSchema record, string field)
    {
        var schema = record[field]?.Schema ?? throw new InvalidOperationException($"{record.Fullname} has no field '{field}'; the record classes and the .avsc disagree.");
        while (schema is not RecordSchema)
        {
            schema = schema switch
            {
                UnionSchema union => union.Schemas.Single(s => s.Tag != Schema.Type.Null),
                ArraySchema array => array.ItemSchema,
                _ => throw new InvalidOperationException($"{record.Fullname}.{field} is {schema.Tag}, not a record."),
            };
        }

        return (RecordSchema)schema;
    }
}
