using Avro;
using Avro.Specific;

namespace etl.tweets;

/// <summary>
/// A tweet as carried on tweets.raw (schema <c>etl.tweets.Tweet</c>, see Tweet.avsc for field meanings). The C# namespace
/// is the Avro namespace because Apache Avro's specific reader finds the class of each record by its full Avro name.
/// </summary>
public sealed record Tweet : ISpecificRecord
{
    /// <summary>The schema this class reads and writes; Confluent's serdes look up this field by name.</summary>
#pragma warning disable CA1707, CA2211 // The name and shape are the ISpecificRecord convention the serdes reflect on.
    public static readonly Schema _SCHEMA = TweetSchemas.Tweet;
#pragma warning restore CA1707, CA2211

    private long id;
    private DateTimeOffset createdAt;
    private string text = "";
    private string? lang;
    private string? source;
    private TweetUser user = null!;
    private Coordinates? coordinates;
    private Place? place;
    private Entities? entities;
    private long retweetCount;
    private long replyCount;
    private long likeCount;
    private long quoteCount;
    private long? inReplyToStatusId;
    private long? inReplyToUserId;
    private string? inReplyToScreenName;
    private long? quotedStatusId;
    private long? retweetedStatusId;
    private bool possiblySensitive;
    private string network = Etl.Schemas.Naming.SourceNetworks.X;
    private string? uri;

    public required long Id { get => id; init => id = value; }

    public required DateTimeOffset CreatedAt { get => createdAt; init => createdAt = value; }

    public required string Text { get => text; init => text = value; }

    public string? Lang { get => lang; init => lang = value; }

    public string? Source { get => source; init => source = value; }

    public required TweetUser User { get => user; init => user = value; }

    public Coordinates? Coordinates { get => coordinates; init => coordinates = value; }

    public Place? Place { get => place; init => place = value; }

    public Entities? Entities { get => entities; init => entities = value; }

    public long RetweetCount { get => retweetCount; init => retweetCount = value; }

    public long ReplyCount { get => replyCount; init => replyCount = value; }

    public long LikeCount { get => likeCount; init => likeCount = value; }

    public long QuoteCount { get => quoteCount; init => quoteCount = value; }

    public long? InReplyToStatusId { get => inReplyToStatusId; init => inReplyToStatusId = value; }

    public long? InReplyToUserId { get => inReplyToUserId; init => inReplyToUserId = value; }

    public string? InReplyToScreenName { get => inReplyToScreenName; init => inReplyToScreenName = value; }

    public long? QuotedStatusId { get => quotedStatusId; init => quotedStatusId = value; }

    public long? RetweetedStatusId { get => retweetedStatusId; init => retweetedStatusId = value; }

    public bool PossiblySensitive { get => possiblySensitive; init => possiblySensitive = value; }

    /// <summary>The social network the post comes from, one of <see cref="Etl.Schemas.Naming.SourceNetworks"/>.</summary>
    public string Network { get => network; init => network = value; }

    /// <summary>The at:// URI of a Bluesky post (whose <see cref="Id"/> is a hash of it); null for X.</summary>
    public string? Uri { get => uri; init => uri = value; }

    Schema ISpecificRecord.Schema => _SCHEMA;

    object? ISpecificRecord.Get(int fieldPos) => fieldPos switch
    {
        0 => id,
        1 => AvroValues.FromTime(createdAt),
        2 => text,
        3 => lang,
        4 => source,
        5 => user,
        6 => coordinates,
        7 => place,
        8 => entities,
        9 => retweetCount,
        10 => replyCount,
        11 => likeCount,
        12 => quoteCount,
        13 => inReplyToStatusId,
        14 => inReplyToUserId,
        15 => inReplyToScreenName,
        16 => quotedStatusId,
        17 => retweetedStatusId,
        18 => possiblySensitive,
        19 => network,
        20 => uri,
        _ => throw AvroValues.BadIndex(nameof(Tweet), fieldPos),
    };

    void ISpecificRecord.Put(int fieldPos, object? fieldValue)
    {
        switch (fieldPos)
        {
            case 0: id = (long)fieldValue!; break;
            case 1: createdAt = AvroValues.ToTime(fieldValue!); break;
            case 2: text = (string)fieldValue!; break;
            case 3: lang = (string?)fieldValue; break;
            case 4: source = (string?)fieldValue; break;
            case 5: user = (TweetUser)fieldValue!; break;
            case 6: coordinates = (Coordinates?)fieldValue; break;
            case 7: place = (Place?)fieldValue; break;
            case 8: entities = (Entities?)fieldValue; break;
            case 9: retweetCount = (long)fieldValue!; break;
            case 10: replyCount = (long)fieldValue!; break;
            case 11: likeCount = (long)fieldValue!; break;
            case 12: quoteCount = (long)fieldValue!; break;
            case 13: inReplyToStatusId = (long?)fieldValue; break;
            case 14: inReplyToUserId = (long?)fieldValue; break;
            case 15: inReplyToScreenName = (string?)fieldValue; break;
            case 16: quotedStatusId = (long?)fieldValue; break;
            case 17: retweetedStatusId = (long?)fieldValue; break;
            case 18: possiblySensitive = (bool)fieldValue!; break;
            case 19: network = (string)fieldValue!; break;
            case 20: uri = (string?)fieldValue; break;
            default: throw AvroValues.BadIndex(nameof(Tweet), fieldPos);
        }
    }
}
