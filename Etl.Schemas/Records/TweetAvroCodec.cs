using Etl.Schemas.Avro;

using etl.tweets;

namespace Etl.Schemas.Records;

/// <summary>
/// Hand-written binary codec for <see cref="Tweet"/> against Tweet.avsc: no reflection and no per-field lookups, so a
/// record costs only the objects it produces. Field order here must follow Tweet.avsc exactly; the codec tests
/// check it against the generic codec.
/// </summary>
public sealed class TweetAvroCodec : IAvroRecordCodec<Tweet>
{
    public static TweetAvroCodec Instance { get; } = new();

    private static readonly AvroFields.ItemReader<string> ReadString = static (ref AvroBinaryReader r) => r.ReadString();
    private static readonly AvroFields.ItemReader<LonLat> ReadLonLat = static (ref AvroBinaryReader r) => new LonLat(r.ReadDouble(), r.ReadDouble());
    private static readonly AvroFields.ItemReader<Mention> ReadMention = static (ref AvroBinaryReader r) =>
        new Mention(r.ReadString(), AvroFields.ReadNullableLong(ref r));
    private static readonly AvroFields.ItemReader<UrlEntity> ReadUrl = static (ref AvroBinaryReader r) =>
        new UrlEntity(r.ReadString(), AvroFields.ReadNullableString(ref r));

    public RecordSchema Schema => AvroRecordSchemas.Tweet;

    public void Encode(AvroBinaryWriter writer, Tweet value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteLong(value.Id);
        writer.WriteLong(value.CreatedAt.ToUnixTimeMilliseconds());
        writer.WriteString(value.Text);
        AvroFields.WriteNullableString(writer, value.Lang);
        AvroFields.WriteNullableString(writer, value.Source);
        EncodeUser(writer, value.User);

        writer.WriteLong(value.Coordinates is null ? 0 : 1);
        if (value.Coordinates is { } coordinates)
        {
            writer.WriteDouble(coordinates.Lat);
            writer.WriteDouble(coordinates.Lon);
        }

        writer.WriteLong(value.Place is null ? 0 : 1);
        if (value.Place is { } place)
        {
            writer.WriteString(place.Id);
            AvroFields.WriteNullableString(writer, place.FullName);
            AvroFields.WriteNullableString(writer, place.Name);
            AvroFields.WriteNullableString(writer, place.CountryCode);
            AvroFields.WriteNullableString(writer, place.Country);
            AvroFields.WriteNullableString(writer, place.PlaceType);
            AvroFields.WriteArray(writer, place.BoundingBox, static (w, p) =>
            {
                w.WriteDouble(p.Lon);
                w.WriteDouble(p.Lat);
            });
        }

        writer.WriteLong(value.Entities is null ? 0 : 1);
        if (value.Entities is { } entities)
        {
            AvroFields.WriteArray(writer, entities.Hashtags, static (w, s) => w.WriteString(s));
            AvroFields.WriteArray(writer, entities.Mentions, static (w, m) =>
            {
                w.WriteString(m.ScreenName);
                AvroFields.WriteNullableLong(w, m.Id);
            });
            AvroFields.WriteArray(writer, entities.Urls, static (w, u) =>
            {
                w.WriteString(u.Url);
                AvroFields.WriteNullableString(w, u.ExpandedUrl);
            });
            AvroFields.WriteArray(writer, entities.Cashtags, static (w, s) => w.WriteString(s));
        }

        writer.WriteLong(value.RetweetCount);
        writer.WriteLong(value.ReplyCount);
        writer.WriteLong(value.LikeCount);
        writer.WriteLong(value.QuoteCount);
        AvroFields.WriteNullableLong(writer, value.InReplyToStatusId);
        AvroFields.WriteNullableLong(writer, value.InReplyToUserId);
        AvroFields.WriteNullableString(writer, value.InReplyToScreenName);
        AvroFields.WriteNullableLong(writer, value.QuotedStatusId);
        AvroFields.WriteNullableLong(writer, value.RetweetedStatusId);
        writer.WriteBoolean(value.PossiblySensitive);
        writer.WriteString(value.Network);
        AvroFields.WriteNullableString(writer, value.Uri);
    }

    public Tweet Decode(ref AvroBinaryReader reader)
    {
        // Object initialisers evaluate in source order, which is the order of the fields on the wire.
        return new Tweet
        {
            Id = reader.ReadLong(),
            CreatedAt = AvroFields.ReadTimestampMillis(ref reader),
            Text = reader.ReadString(),
            Lang = AvroFields.ReadNullableString(ref reader),
            Source = AvroFields.ReadNullableString(ref reader),
            User = DecodeUser(ref reader),
            Coordinates = AvroFields.ReadIsPresent(ref reader) ? new Coordinates(reader.ReadDouble(), reader.ReadDouble()) : null,
            Place = AvroFields.ReadIsPresent(ref reader) ? DecodePlace(ref reader) : null,
            Entities = AvroFields.ReadIsPresent(ref reader) ? DecodeEntities(ref reader) : null,
            RetweetCount = reader.ReadLong(),
            ReplyCount = reader.ReadLong(),
            LikeCount = reader.ReadLong(),
            QuoteCount = reader.ReadLong(),
            InReplyToStatusId = AvroFields.ReadNullableLong(ref reader),
            InReplyToUserId = AvroFields.ReadNullableLong(ref reader),
            InReplyToScreenName = AvroFields.ReadNullableString(ref reader),
            QuotedStatusId = AvroFields.ReadNullableLong(ref reader),
            RetweetedStatusId = AvroFields.ReadNullableLong(ref reader),
            PossiblySensitive = reader.ReadBoolean(),
            Network = reader.ReadString(),
            Uri = AvroFields.ReadNullableString(ref reader),
        };
    }

    public Tweet FromGeneric(GenericRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var user = (GenericRecord)record["user"]!;
        return new Tweet
        {
            Id = (long)record["id"]!,
            CreatedAt = AvroFields.ToTimestamp((long)record["created_at"]!),
            Text = (string)record["text"]!,
            Lang = (string?)record["lang"],
            Source = (string?)record["source"],
            User = new TweetUser
            {
                Id = (long)user["id"]!,
                ScreenName = (string)user["screen_name"]!,
                Name = (string?)user["name"],
                Location = (string?)user["location"],
                Description = (string?)user["description"],
                FollowersCount = (long)user["followers_count"]!,
                FriendsCount = (long)user["friends_count"]!,
                Verified = (bool)user["verified"]!,
                CreatedAt = AvroFields.ToNullableTimestamp(user["created_at"]),
            },
            Coordinates = AvroFields.AsRecord(record["coordinates"]) is { } c ? new Coordinates((double)c["lat"]!, (double)c["lon"]!) : null,
            Place = AvroFields.AsRecord(record["place"]) is { } p
                ? new Place
                {
                    Id = (string)p["id"]!,
                    FullName = (string?)p["full_name"],
                    Name = (string?)p["name"],
                    CountryCode = (string?)p["country_code"],
                    Country = (string?)p["country"],
                    PlaceType = (string?)p["place_type"],
                    BoundingBox = AvroFields.MapList(p["bounding_box"], static o => new LonLat((double)((GenericRecord)o!)["lon"]!, (double)((GenericRecord)o!)["lat"]!)),
                }
                : null,
            Entities = AvroFields.AsRecord(record["entities"]) is { } e
                ? new Entities
                {
                    Hashtags = AvroFields.MapList(e["hashtags"], static o => (string)o!),
                    Mentions = AvroFields.MapList(e["mentions"], static o => new Mention((string)((GenericRecord)o!)["screen_name"]!, (long?)((GenericRecord)o!)["id"])),
                    Urls = AvroFields.MapList(e["urls"], static o => new UrlEntity((string)((GenericRecord)o!)["url"]!, (string?)((GenericRecord)o!)["expanded_url"])),
                    Cashtags = AvroFields.MapList(e["cashtags"], static o => (string)o!),
                }
                : null,
            RetweetCount = (long)record["retweet_count"]!,
            ReplyCount = (long)record["reply_count"]!,
            LikeCount = (long)record["like_count"]!,
            QuoteCount = (long)record["quote_count"]!,
            InReplyToStatusId = (long?)record["in_reply_to_status_id"],
            InReplyToUserId = (long?)record["in_reply_to_user_id"],
            InReplyToScreenName = (string?)record["in_reply_to_screen_name"],
            QuotedStatusId = (long?)record["quoted_status_id"],
            RetweetedStatusId = (long?)record["retweeted_status_id"],
            PossiblySensitive = (bool)record["possibly_sensitive"]!,
            Network = (string)record["network"]!,
            Uri = (string?)record["uri"],
        };
    }

    private static void EncodeUser(AvroBinaryWriter writer, TweetUser user)
    {
        ArgumentNullException.ThrowIfNull(user, nameof(Tweet.User));
        writer.WriteLong(user.Id);
        writer.WriteString(user.ScreenName);
        AvroFields.WriteNullableString(writer, user.Name);
        AvroFields.WriteNullableString(writer, user.Location);
        AvroFields.WriteNullableString(writer, user.Description);
        writer.WriteLong(user.FollowersCount);
        writer.WriteLong(user.FriendsCount);
        writer.WriteBoolean(user.Verified);
        AvroFields.WriteNullableLong(writer, user.CreatedAt?.ToUnixTimeMilliseconds());
    }

    private static TweetUser DecodeUser(ref AvroBinaryReader reader) => new()
    {
        Id = reader.ReadLong(),
        ScreenName = reader.ReadString(),
        Name = AvroFields.ReadNullableString(ref reader),
        Location = AvroFields.ReadNullableString(ref reader),
        Description = AvroFields.ReadNullableString(ref reader),
        FollowersCount = reader.ReadLong(),
        FriendsCount = reader.ReadLong(),
        Verified = reader.ReadBoolean(),
        CreatedAt = AvroFields.ReadNullableTimestampMillis(ref reader),
    };

    private static Place DecodePlace(ref AvroBinaryReader reader) => new()
    {
        Id = reader.ReadString(),
        FullName = AvroFields.ReadNullableString(ref reader),
        Name = AvroFields.ReadNullableString(ref reader),
        CountryCode = AvroFields.ReadNullableString(ref reader),
        Country = AvroFields.ReadNullableString(ref reader),
        PlaceType = AvroFields.ReadNullableString(ref reader),
        BoundingBox = AvroFields.ReadArray(ref reader, 16, ReadLonLat),
    };

    private static Entities DecodeEntities(ref AvroBinaryReader reader) => new()
    {
        Hashtags = AvroFields.ReadArray(ref reader, 1, ReadString),
        Mentions = AvroFields.ReadArray(ref reader, 2, ReadMention),
        Urls = AvroFields.ReadArray(ref reader, 2, ReadUrl),
        Cashtags = AvroFields.ReadArray(ref reader, 1, ReadString),
    };
}
