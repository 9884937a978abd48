using Avro;
using Avro.Specific;

namespace etl.tweets;

/// <summary>A mentioned user (schema <c>etl.tweets.Mention</c>).</summary>
public sealed record Mention(string ScreenName, long? Id = null) : ISpecificRecord
{
#pragma warning disable CA1707, CA2211 // The ISpecificRecord convention the serdes reflect on.
    public static readonly Schema _SCHEMA = TweetSchemas.Nested((RecordSchema)Entities._SCHEMA, "mentions");
#pragma warning restore CA1707, CA2211

    /// <summary>For Apache Avro's reader, which creates a record before filling its fields.</summary>
    public Mention()
        : this("")
    {
    }

    public string ScreenName { get; private set; } = ScreenName;

    public long? Id { get; private set; } = Id;

    Schema ISpecificRecord.Schema => _SCHEMA;

    object? ISpecificRecord.Get(int fieldPos) => fieldPos switch
    {
        0 => ScreenName,
        1 => Id,
        _ => throw AvroValues.BadIndex(nameof(Mention), fieldPos),
    };

    void ISpecificRecord.Put(int fieldPos, object? fieldValue)
    {
        switch (fieldPos)
        {
            case 0: ScreenName = (string)fieldValue!; break;
            case 1: Id = (long?)fieldValue; break;
            default: throw AvroValues.BadIndex(nameof(Mention), fieldPos);
        }
    }
}
