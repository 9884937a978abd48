using System.Text.Json;
using Etl.Enrichment.Input;
using static Etl.Worker.Input.JsonFields;

namespace Etl.Worker.Input;

/// <summary>Maps a Twitter API v2 tweet (with its response's <c>includes</c>, or twarc's inlined <c>author</c>) to a <see cref="SourceTweet"/>.</summary>
public static class TwitterV2Mapper
{
    public static SourceTweet Map(JsonElement tweet, V2Includes includes)
    {
        ArgumentNullException.ThrowIfNull(includes);
        var id = String(tweet, "id") ?? throw new TweetJsonException("v2 tweet has no 'id'; every tweet needs its id.");
        // Long posts carry their whole text in note_tweet.text.
        var text = (Object(tweet, "note_tweet") is { } note ? String(note, "text") : null) ?? String(tweet, "text")
            ?? throw new TweetJsonException($"v2 tweet {id} has no 'text'.");
        var metrics = Object(tweet, "public_metrics");
        var references = Array(tweet, "referenced_tweets").Select(r => (Type: String(r, "type"), Id: String(r, "id"))).ToList();
        var authorId = String(tweet, "author_id");
        JsonElement? author = Object(tweet, "author") ?? (authorId is not null && includes.Users.TryGetValue(authorId, out var found) ? found : null);
        var geo = Object(tweet, "geo");
        var placeId = geo is { } g ? String(g, "place_id") : null;
        JsonElement? place = (geo is { } g2 ? Object(g2, "place") : null) ?? (placeId is not null && includes.Places.TryGetValue(placeId, out var p) ? p : null);

        return new SourceTweet
        {
            Id = id,
            CreatedAt = Date(tweet, "created_at"),
            Text = text,
            Lang = String(tweet, "lang"),
            Source = String(tweet, "source"),
            User = author is { } a ? MapUser(a) : authorId is not null ? new SourceUser { Id = authorId } : null,
            Coordinates = geo is { } g3 ? GeoJsonPoint(g3, "coordinates") : null,
            Place = place is { } pl ? MapPlace(pl) : null,
            Entities = Object(tweet, "entities") is { } entities ? MapEntities(entities) : null,
            RetweetCount = metrics is { } m ? Long(m, "retweet_count") : 0,
            ReplyCount = metrics is { } m2 ? Long(m2, "reply_count") : 0,
            LikeCount = metrics is { } m3 ? Long(m3, "like_count") : 0,
            QuoteCount = metrics is { } m4 ? Long(m4, "quote_count") : 0,
            InReplyToStatusId = references.FirstOrDefault(r => r.Type == "replied_to").Id,
            InReplyToUserId = String(tweet, "in_reply_to_user_id"),
            QuotedStatusId = references.FirstOrDefault(r => r.Type == "quoted").Id,
            RetweetedStatusId = references.FirstOrDefault(r => r.Type == "retweeted").Id,
            PossiblySensitive = Bool(tweet, "possibly_sensitive"),
        };
    }

    private static SourceUser MapUser(JsonElement user)
    {
        var metrics = Object(user, "public_metrics");
        return new SourceUser
        {
            Id = String(user, "id") ?? "",
            ScreenName = String(user, "username"),
            Name = String(user, "name"),
            Location = String(user, "location"),
            Description = String(user, "description"),
            FollowersCount = metrics is { } m ? Long(m, "followers_count") : 0,
            FriendsCount = metrics is { } m2 ? Long(m2, "following_count") : 0,
            Verified = Bool(user, "verified"),
            CreatedAt = Date(user, "created_at"),
        };
    }

    private static SourcePlace MapPlace(JsonElement place)
    {
        BoundingBox? box = null;
        if (Object(place, "geo") is { } geo && Array(geo, "bbox").ToList() is [var w, var s, var e, var n] &&
            new[] { w, s, e, n }.All(v => v.ValueKind == JsonValueKind.Number))
        {
            box = new BoundingBox(w.GetDouble(), s.GetDouble(), e.GetDouble(), n.GetDouble());
        }

        return Place(place, box);
    }

    private static SourceEntities MapEntities(JsonElement entities) => new()
    {
        Hashtags = Array(entities, "hashtags").Select(h => String(h, "tag")).OfType<string>().ToList(),
        Mentions = Array(entities, "mentions").Select(m => String(m, "username")).OfType<string>().ToList(),
        Cashtags = Array(entities, "cashtags").Select(c => String(c, "tag")).OfType<string>().ToList(),
        Urls = Urls(entities),
    };
}
