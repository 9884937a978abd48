using Avro;
using Avro.Specific;

namespace etl.tweets;

/// <summary>Entities supplied by the source (schema <c>etl.tweets.Entities</c>).</summary>
public sealed record Entities : ISpecificRecord
{
#pragma warning disable CA1707, CA2211 // The ISpecificRecord convention the serdes reflect on.
    public static readonly Schema _SCHEMA = TweetSchemas.Nested(TweetSchemas.Tweet, "entities");
#pragma warning restore CA1707, CA2211

    private IReadOnlyList<string> hashtags = [];
    private IReadOnlyList<Mention> mentions = [];
    private IReadOnlyList<UrlEntity> urls = [];
    private IReadOnlyList<string> cashtags = [];

    public IReadOnlyList<string> Hashtags { get => hashtags; init => hashtags = value; }

    public IReadOnlyList<Mention> Mentions { get => mentions; init => mentions = value; }

    public IReadOnlyList<UrlEntity> Urls { get => urls; init => urls = value; }

    public IReadOnlyList<string> Cashtags { get => cashtags; init => cashtags = value; }

    Schema ISpecificRecord.Schema => _SCHEMA;

    object ISpecificRecord.Get(int fieldPos) => fieldPos switch
    {
        0 => AvroValues.ToList(hashtags),
        1 => AvroValues.ToList(mentions),
        2 => AvroValues.ToList(urls),
        3 => AvroValues.ToList(cashtags),
        _ => throw AvroValues.BadIndex(nameof(Entities), fieldPos),
    };

    void ISpecificRecord.Put(int fieldPos, object fieldValue)
    {
        switch (fieldPos)
        {
            case 0: hashtags = (List<string>)fieldValue; break;
            case 1: mentions = (List<Mention>)fieldValue; break;
            case 2: urls = (List<UrlEntity>)fieldValue; break;
            case 3: cashtags = (List<string>)fieldValue; break;
            default: throw AvroValues.BadIndex(nameof(Entities), fieldPos);
        }
    }
}
