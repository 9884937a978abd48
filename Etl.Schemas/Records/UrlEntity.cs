using Avro;
using Avro.Specific;

namespace etl.tweets;

/// <summary>A link in a tweet (schema <c>etl.tweets.UrlEntity</c>).</summary>
public sealed record UrlEntity(string Url, string? ExpandedUrl = null) : ISpecificRecord
{
#pragma warning disable CA1707, CA2211 // The ISpecificRecord convention the serdes reflect on.
    public static readonly Schema _SCHEMA = TweetSchemas.Nested((RecordSchema)Entities._SCHEMA, "urls");
#pragma warning restore CA1707, CA2211

    /// <summary>For Apache Avro's reader, which creates a record before filling its fields.</summary>
    public UrlEntity()
        : this("")
    {
    }

    public string Url { get; private set; } = Url;

    public string? ExpandedUrl { get; private set; } = ExpandedUrl;

    Schema ISpecificRecord.Schema => _SCHEMA;

    object? ISpecificRecord.Get(int fieldPos) => fieldPos switch
    {
        0 => Url,
        1 => ExpandedUrl,
        _ => throw AvroValues.BadIndex(nameof(UrlEntity), fieldPos),
    };

    void ISpecificRecord.Put(int fieldPos, object? fieldValue)
    {
        switch (fieldPos)
        {
            case 0: Url = (string)fieldValue!; break;
            case 1: ExpandedUrl = (string?)fieldValue; break;
            default: throw AvroValues.BadIndex(nameof(UrlEntity), fieldPos);
        }
    }
}
