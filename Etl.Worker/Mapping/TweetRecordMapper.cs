using System.Globalization;
using Etl.Enrichment.Input;
using etl.tweets;

namespace Etl.Worker.Mapping;

/// <summary>
/// Between the Avro <see cref="Tweet"/> on the topic and the enricher's source-neutral <see cref="SourceTweet"/>.
/// </summary>
public static class TweetRecordMapper
{
    /// <summary>The tweet as the enricher takes it.</summary>
    public static SourceTweet ToSource(Tweet tweet)
    {
        ArgumentNullException.ThrowIfNull(tweet);
        var user = tweet.User;
        return new SourceTweet
        {
            Id = tweet.Id.ToString(CultureInfo.InvariantCulture),
            CreatedAt = tweet.CreatedAt,
            Text = tweet.Text,
            Lang = tweet.Lang,
            Source = tweet.Source,
            // A user with id 0 and no screen name stands for "not given by the source" (see ToAvro).
            User = user.Id == 0 && string.IsNullOrEmpty(user.ScreenName) ? null : new SourceUser
            {
                Id = user.Id.ToString(CultureInfo.InvariantCulture),
                ScreenName = user.ScreenName,
                Name = user.Name,
                Location = user.Location,
                Description = user.Description,
                FollowersCount = user.FollowersCount,
                FriendsCount = user.FriendsCount,
                Verified = user.Verified,
                CreatedAt = user.CreatedAt,
            },
            Coordinates = tweet.Coordinates is { } c ? new GeoCoordinate(c.Lat, c.Lon) : null,
            Place = tweet.Place is { } p ? new SourcePlace
            {
                Id = p.Id,
                Name = p.Name,
                FullName = p.FullName,
                PlaceType = p.PlaceType,
                CountryCode = p.CountryCode,
                Country = p.Country,
                BoundingBox = p.BoundingBox.Count > 0
                    ? new BoundingBox(p.BoundingBox.Min(x => x.Lon), p.BoundingBox.Min(x => x.Lat), p.BoundingBox.Max(x => x.Lon), p.BoundingBox.Max(x => x.Lat))
                    : null,
            }
            : null,
            Entities = tweet.Entities is { } e ? new SourceEntities
            {
                Hashtags = e.Hashtags,
                Mentions = e.Mentions.Select(m => m.ScreenName).ToList(),
                Cashtags = e.Cashtags,
                Urls = e.Urls.Select(u => new SourceUrl(u.Url, u.ExpandedUrl)).ToList(),
            }
            : null,
            RetweetCount = tweet.RetweetCount,
            ReplyCount = tweet.ReplyCount,
            LikeCount = tweet.LikeCount,
            QuoteCount = tweet.QuoteCount,
            InReplyToStatusId = Text(tweet.InReplyToStatusId),
            InReplyToUserId = Text(tweet.InReplyToUserId),
            QuotedStatusId = Text(tweet.QuotedStatusId),
            RetweetedStatusId = Text(tweet.RetweetedStatusId),
            PossiblySensitive = tweet.PossiblySensitive,
            Network = tweet.Network,
            Uri = tweet.Uri,
        };
    }

    /// <summary>
    /// The tweet as it goes on the topic. Ids must be numeric (Twitter's are); the time defaults to the id's
    /// snowflake time when the source gave none.
    /// </summary>
    /// <exception cref="FormatException">The id, or a referenced id, is not a whole number.</exception>
    public static Tweet ToAvro(SourceTweet tweet)
    {
        ArgumentNullException.ThrowIfNull(tweet);
        var id = Id(tweet.Id, "id");
        var user = tweet.User;
        return new Tweet
        {
            Id = id,
            CreatedAt = tweet.CreatedAt ?? SnowflakeTime(id),
            Text = tweet.Text,
            Lang = tweet.Lang,
            Source = tweet.Source,
            User = user is null
                ? new TweetUser { Id = 0, ScreenName = "" }
                : new TweetUser
                {
                    Id = Id(user.Id, "user.id"),
                    ScreenName = user.ScreenName ?? "",
                    Name = user.Name,
                    Location = user.Location,
                    Description = user.Description,
                    FollowersCount = user.FollowersCount,
                    FriendsCount = user.FriendsCount,
                    Verified = user.Verified,
                    CreatedAt = user.CreatedAt,
                },
            Coordinates = tweet.Coordinates is { } c ? new Coordinates(c.Lat, c.Lon) : null,
            Place = tweet.Place is { } p ? new Place
            {
                Id = p.Id ?? "",
                Name = p.Name,
                FullName = p.FullName,
                PlaceType = p.PlaceType,
                CountryCode = p.CountryCode,
                Country = p.Country,
                BoundingBox = p.BoundingBox is { } b
                    ? [new LonLat(b.West, b.South), new LonLat(b.East, b.South), new LonLat(b.East, b.North), new LonLat(b.West, b.North)]
                    : [],
            }
            : null,
            Entities = tweet.Entities is { } e ? new Entities
            {
                Hashtags = e.Hashtags,
                Mentions = e.Mentions.Select(m => new Mention(m)).ToList(),
                Cashtags = e.Cashtags,
                Urls = e.Urls.Select(u => new UrlEntity(u.Url, u.ExpandedUrl)).ToList(),
            }
            : null,
            RetweetCount = tweet.RetweetCount,
            ReplyCount = tweet.ReplyCount,
            LikeCount = tweet.LikeCount,
            QuoteCount = tweet.QuoteCount,
            InReplyToStatusId = OptionalId(tweet.InReplyToStatusId, "in_reply_to_status_id"),
            InReplyToUserId = OptionalId(tweet.InReplyToUserId, "in_reply_to_user_id"),
            QuotedStatusId = OptionalId(tweet.QuotedStatusId, "quoted_status_id"),
            RetweetedStatusId = OptionalId(tweet.RetweetedStatusId, "retweeted_status_id"),
            PossiblySensitive = tweet.PossiblySensitive,
            Network = tweet.Network,
            Uri = tweet.Uri,
        };
    }

    private static string? Text(long? id) => id?.ToString(CultureInfo.InvariantCulture);

    private static long Id(string text, string field) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new FormatException($"Tweet {field} '{text}' is not a whole number; Twitter ids are decimal digits.");

    private static long? OptionalId(string? text, string field) => string.IsNullOrEmpty(text) ? null : Id(text, field);

    // Twitter ids since 2010 are snowflakes: milliseconds since 2010-11-04T01:42:54.657Z in the top bits.
    private static DateTimeOffset SnowflakeTime(long id) =>
        id > (1L << 22) ? DateTimeOffset.FromUnixTimeMilliseconds((id >> 22) + 1_288_834_974_657) : DateTimeOffset.UnixEpoch;
}
