using Avro;
using Avro.Specific;

namespace etl.tweets;

/// <summary>The author of a <see cref="Tweet"/> (schema <c>etl.tweets.TweetUser</c>).</summary>
public sealed record TweetUser : ISpecificRecord
{
#pragma warning disable CA1707, CA2211 // The ISpecificRecord convention the serdes reflect on.
    public static readonly Schema _SCHEMA = TweetSchemas.Nested(TweetSchemas.Tweet, "user");
#pragma warning restore CA1707, CA2211

    private long id;
    private string screenName = "";
    private string? name;
    private string? location;
    private string? description;
    private long followersCount;
    private long friendsCount;
    private bool verified;
    private DateTimeOffset? createdAt;

    public required long Id { get => id; init => id = value; }

    public required string ScreenName { get => screenName; init => screenName = value; }

    public string? Name { get => name; init => name = value; }

    public string? Location { get => location; init => location = value; }

    public string? Description { get => description; init => description = value; }

    public long FollowersCount { get => followersCount; init => followersCount = value; }

    public long FriendsCount { get => friendsCount; init => friendsCount = value; }

    public bool Verified { get => verified; init => verified = value; }

    public DateTimeOffset? CreatedAt { get => createdAt; init => createdAt = value; }

    Schema ISpecificRecord.Schema => _SCHEMA;

    object? ISpecificRecord.Get(int fieldPos) => fieldPos switch
    {
        0 => id,
        1 => screenName,
        2 => name,
        3 => location,
        4 => description,
        5 => followersCount,
        6 => friendsCount,
        7 => verified,
        8 => AvroValues.FromNullableTime(createdAt),
        _ => throw AvroValues.BadIndex(nameof(TweetUser), fieldPos),
    };

    void ISpecificRecord.Put(int fieldPos, object? fieldValue)
    {
        switch (fieldPos)
        {
            case 0: id = (long)fieldValue!; break;
            case 1: screenName = (string)fieldValue!; break;
            case 2: name = (string?)fieldValue; break;
            case 3: location = (string?)fieldValue; break;
            case 4: description = (string?)fieldValue; break;
            case 5: followersCount = (long)fieldValue!; break;
            case 6: friendsCount = (long)fieldValue!; break;
            case 7: verified = (bool)fieldValue!; break;
            case 8: createdAt = AvroValues.ToNullableTime(fieldValue); break;
            default: throw AvroValues.BadIndex(nameof(TweetUser), fieldPos);
        }
    }
}
