using System.Globalization;
using System.Text.Json;
using Etl.Enrichment.Input;

namespace Etl.Worker.Generation;

/// <summary>Writes a tweet as one line of Twitter API v1.1 JSON (extended mode, <c>full_text</c>), as the readers read it back.</summary>
public static class TwitterV1JsonWriter
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    private static readonly string[] Days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    public static void Write(Utf8JsonWriter json, SourceTweet tweet)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(tweet);
        json.WriteStartObject();
        if (tweet.CreatedAt is { } created)
        {
            json.WriteString("created_at", TwitterDate(created));
        }

        WriteId(json, "id", tweet.Id);
        json.WriteString("full_text", tweet.Text);
        WriteOptional(json, "lang", tweet.Lang);
        if (tweet.Source is { } client)
        {
            json.WriteString("source", $"<a href=\"https://example.com/client\" rel=\"nofollow\">{client}</a>");
        }

        if (tweet.InReplyToStatusId is { } reply)
        {
            WriteId(json, "in_reply_to_status_id", reply);
        }

        if (tweet.User is { } user)
        {
            json.WriteStartObject("user");
            WriteId(json, "id", user.Id);
            WriteOptional(json, "screen_name", user.ScreenName);
            WriteOptional(json, "name", user.Name);
            if (user.Location is null)
            {
                json.WriteNull("location");
            }
            else
            {
                json.WriteString("location", user.Location);
            }

            WriteOptional(json, "description", user.Description);
            json.WriteNumber("followers_count", user.FollowersCount);
            json.WriteNumber("friends_count", user.FriendsCount);
            json.WriteBoolean("verified", user.Verified);
            if (user.CreatedAt is { } since)
            {
                json.WriteString("created_at", TwitterDate(since));
            }

            json.WriteEndObject();
        }

        if (tweet.Coordinates is { } c)
        {
            json.WriteStartObject("coordinates");
            json.WriteString("type", "Point");
            json.WriteStartArray("coordinates");
            json.WriteNumberValue(c.Lon);
            json.WriteNumberValue(c.Lat);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("coordinates");
        }

        if (tweet.Place is { } p)
        {
            json.WriteStartObject("place");
            WriteOptional(json, "id", p.Id);
            WriteOptional(json, "place_type", p.PlaceType);
            WriteOptional(json, "name", p.Name);
            WriteOptional(json, "full_name", p.FullName);
            WriteOptional(json, "country_code", p.CountryCode);
            WriteOptional(json, "country", p.Country);
            if (p.BoundingBox is { } b)
            {
                json.WriteStartObject("bounding_box");
                json.WriteString("type", "Polygon");
                json.WriteStartArray("coordinates");
                json.WriteStartArray();
                foreach (var (lon, lat) in new[] { (b.West, b.South), (b.East, b.South), (b.East, b.North), (b.West, b.North) })
                {
                    json.WriteStartArray();
                    json.WriteNumberValue(lon);
                    json.WriteNumberValue(lat);
                    json.WriteEndArray();
                }

                json.WriteEndArray();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("place");
        }

        if (tweet.Entities is { } entities)
        {
            WriteEntities(json, tweet.Text, entities);
        }

        json.WriteNumber("retweet_count", tweet.RetweetCount);
        json.WriteNumber("reply_count", tweet.ReplyCount);
        json.WriteNumber("favorite_count", tweet.LikeCount);
        json.WriteNumber("quote_count", tweet.QuoteCount);
        json.WriteBoolean("possibly_sensitive", tweet.PossiblySensitive);
        json.WriteEndObject();
    }

    /// <summary>Twitter's v1.1 date format: <c>Wed Oct 10 20:19:24 +0000 2018</c>.</summary>
    public static string TwitterDate(DateTimeOffset time)
    {
        var u = time.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{Days[(int)u.DayOfWeek]} {Months[u.Month - 1]} {u.Day:D2} {u:HH:mm:ss} +0000 {u.Year:D4}");
    }

    private static void WriteEntities(Utf8JsonWriter json, string text, SourceEntities entities)
    {
        // Indices are in code points of full_text, as the API gives them.
        json.WriteStartObject("entities");
        WriteList(json, "hashtags", entities.Hashtags, "#", text, (j, v) => j.WriteString("text", v));
        WriteList(json, "user_mentions", entities.Mentions, "@", text, (j, v) => j.WriteString("screen_name", v));
        WriteList(json, "symbols", entities.Cashtags, "$", text, (j, v) => j.WriteString("text", v));
        json.WriteStartArray("urls");
        foreach (var url in entities.Urls)
        {
            json.WriteStartObject();
            json.WriteString("url", url.Url);
            WriteOptional(json, "expanded_url", url.ExpandedUrl);
            if (url.ExpandedUrl is { } expanded)
            {
                json.WriteString("display_url", expanded.Replace("https://", "", StringComparison.Ordinal));
            }

            WriteIndices(json, text, url.Url);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Numeric ids as the API gives them: a number and the same digits as <c>_str</c>.</summary>
    private static void WriteId(Utf8JsonWriter json, string name, string id)
    {
        if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            json.WriteNumber(name, number);
        }

        json.WriteString(name + "_str", id);
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string> values, string sigil, string text, Action<Utf8JsonWriter, string> writeValue)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStartObject();
            writeValue(json, value);
            WriteIndices(json, text, sigil + value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteIndices(Utf8JsonWriter json, string text, string token)
    {
        var at = text.IndexOf(token, StringComparison.Ordinal);
        var start = at < 0 ? 0 : CodePoints(text.AsSpan(0, at));
        json.WriteStartArray("indices");
        json.WriteNumberValue(start);
        json.WriteNumberValue(start + CodePoints(token));
        json.WriteEndArray();
    }

    private static int CodePoints(ReadOnlySpan<char> s)
    {
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (!char.IsLowSurrogate(s[i]))
            {
                n++;
            }
        }

        return n;
    }
}
