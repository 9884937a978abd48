using System.Text.Json;
using Etl.Enrichment.Input;
using static Etl.Worker.Input.JsonFields;

namespace Etl.Worker.Input;

/// <summary>Maps a Twitter API v1.1 tweet object (also minimal ones: just <c>id_str</c> and <c>text</c>) to a <see cref="SourceTweet"/>.</summary>
public static class TwitterV1Mapper
{
    public static SourceTweet Map(JsonElement tweet)
    {
        var id = String(tweet, "id_str") ?? String(tweet, "id")
            ?? throw new TweetJsonException("v1.1 tweet has no 'id_str' (or 'id'); every tweet needs its id.");
        var extended = Object(tweet, "extended_tweet");
        // Tweets over 140 characters arrive truncated in 'text' with the whole text in extended_tweet.full_text.
        var text = (extended is { } ext ? String(ext, "full_text") : null) ?? String(tweet, "full_text") ?? String(tweet, "text")
            ?? throw new TweetJsonException($"v1.1 tweet {id} has no 'text' or 'full_text'.");
        var entities = extended is { } e2 && Object(e2, "entities") is { } extendedEntities ? extendedEntities : Object(tweet, "entities");

        return new SourceTweet
        {
            Id = id,
            CreatedAt = Date(tweet, "created_at"),
            Text = text,
            Lang = String(tweet, "lang"),
            Source = String(tweet, "source"),
            User = Object(tweet, "user") is { } user ? MapUser(user) : null,
            Coordinates = Coordinates(tweet),
            Place = Object(tweet, "place") is { } place ? MapPlace(place) : null,
            Entities = entities is { } en ? MapEntities(en) : null,
            RetweetCount = Long(tweet, "retweet_count"),
            ReplyCount = Long(tweet, "reply_count"),
            LikeCount = Long(tweet, "favorite_count"),
            QuoteCount = Long(tweet, "quote_count"),
            InReplyToStatusId = String(tweet, "in_reply_to_status_id_str") ?? String(tweet, "in_reply_to_status_id"),
            InReplyToUserId = String(tweet, "in_reply_to_user_id_str") ?? String(tweet, "in_reply_to_user_id"),
            QuotedStatusId = String(tweet, "quoted_status_id_str") ?? String(tweet, "quoted_status_id"),
            RetweetedStatusId = Object(tweet, "retweeted_status") is { } retweeted ? String(retweeted, "id_str") ?? String(retweeted, "id") : null,
            PossiblySensitive = Bool(tweet, "possibly_sensitive"),
        };
    }

    private static SourceUser MapUser(JsonElement user) => new()
    {
        Id = String(user, "id_str") ?? String(user, "id") ?? "",
        ScreenName = String(user, "screen_name"),
        Name = String(user, "name"),
        Location = String(user, "location"),
        Description = String(user, "description"),
        FollowersCount = Long(user, "followers_count"),
        FriendsCount = Long(user, "friends_count"),
        Verified = Bool(user, "verified"),
        CreatedAt = Date(user, "created_at"),
    };

    /// <summary>'coordinates' is GeoJSON [lon, lat]; the deprecated 'geo' is [lat, lon].</summary>
    private static GeoCoordinate? Coordinates(JsonElement tweet)
    {
        if (GeoJsonPoint(tweet, "coordinates") is { } point)
        {
            return point;
        }

        if (Object(tweet, "geo") is { } geo && Array(geo, "coordinates").ToList() is [var lat2, var lon2] &&
            lon2.ValueKind == JsonValueKind.Number && lat2.ValueKind == JsonValueKind.Number)
        {
            return new GeoCoordinate(lat2.GetDouble(), lon2.GetDouble());
        }

        return null;
    }

    private static SourcePlace MapPlace(JsonElement place)
    {
        BoundingBox? box = null;
        if (Object(place, "bounding_box") is { } bbox)
        {
            var points = Array(bbox, "coordinates").SelectMany(ring => ring.ValueKind == JsonValueKind.Array ? ring.EnumerateArray() : [])
                .Where(p => p.ValueKind == JsonValueKind.Array && p.GetArrayLength() >= 2)
                .Select(p => (Lon: p[0].GetDouble(), Lat: p[1].GetDouble())).ToList();
            if (points.Count > 0)
            {
                box = new BoundingBox(points.Min(p => p.Lon), points.Min(p => p.Lat), points.Max(p => p.Lon), points.Max(p => p.Lat));
            }
        }

        return Place(place, box);
    }

    private static SourceEntities MapEntities(JsonElement entities) => new()
    {
        Hashtags = Array(entities, "hashtags").Select(h => String(h, "text")).OfType<string>().ToList(),
        Mentions = Array(entities, "user_mentions").Select(m => String(m, "screen_name")).OfType<string>().ToList(),
        Cashtags = Array(entities, "symbols").Select(s => String(s, "text")).OfType<string>().ToList(),
        Urls = Urls(entities),
    };
}
