using System.Globalization;
using System.Text.Json;

namespace Etl.Worker.Generation;

/// <summary>Writes a <see cref="GeneratedTweet"/> as one line of Twitter API v1.1 JSON (extended mode, <c>full_text</c>).</summary>
public static class TwitterV1JsonWriter
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    private static readonly string[] Days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    public static void Write(Utf8JsonWriter json, GeneratedTweet tweet)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(tweet);
        json.WriteStartObject();
        json.WriteString("created_at", TwitterDate(tweet.CreatedAt));
        json.WriteNumber("id", tweet.Id);
        json.WriteString("id_str", tweet.Id.ToString(CultureInfo.InvariantCulture));
        json.WriteString("full_text", tweet.Text);
        json.WriteString("lang", tweet.Lang);
        json.WriteString("source", $"<a href=\"https://example.com/client\" rel=\"nofollow\">{tweet.Source}</a>");
        if (tweet.InReplyToStatusId is { } reply)
        {
            json.WriteNumber("in_reply_to_status_id", reply);
            json.WriteString("in_reply_to_status_id_str", reply.ToString(CultureInfo.InvariantCulture));
        }

        var user = tweet.User;
        json.WriteStartObject("user");
        json.WriteNumber("id", user.Id);
        json.WriteString("id_str", user.Id.ToString(CultureInfo.InvariantCulture));
        json.WriteString("screen_name", user.ScreenName);
        json.WriteString("name", user.Name);
        if (user.Location is null)
        {
            json.WriteNull("location");
        }
        else
        {
            json.WriteString("location", user.Location);
        }

        json.WriteString("description", user.Description);
        json.WriteNumber("followers_count", user.Followers);
        json.WriteNumber("friends_count", user.Friends);
        json.WriteBoolean("verified", user.Verified);
        json.WriteString("created_at", TwitterDate(user.CreatedAt));
        json.WriteEndObject();

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
            json.WriteString("id", p.Id);
            json.WriteString("place_type", p.PlaceType);
            json.WriteString("name", p.Name);
            json.WriteString("full_name", p.FullName);
            json.WriteString("country_code", p.CountryCode);
            json.WriteString("country", p.Country);
            json.WriteStartObject("bounding_box");
            json.WriteString("type", "Polygon");
            json.WriteStartArray("coordinates");
            json.WriteStartArray();
            foreach (var (lon, lat) in new[] { (p.MinLon, p.MinLat), (p.MaxLon, p.MinLat), (p.MaxLon, p.MaxLat), (p.MinLon, p.MaxLat) })
            {
                json.WriteStartArray();
                json.WriteNumberValue(lon);
                json.WriteNumberValue(lat);
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("place");
        }

        WriteEntities(json, tweet);
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

    private static void WriteEntities(Utf8JsonWriter json, GeneratedTweet tweet)
    {
        // Indices are in code points of full_text, as the API gives them.
        var text = tweet.Text;
        json.WriteStartObject("entities");
        WriteList(json, "hashtags", tweet.Hashtags, "#", text, (j, v) => j.WriteString("text", v));
        WriteList(json, "user_mentions", tweet.Mentions, "@", text, (j, v) => j.WriteString("screen_name", v));
        WriteList(json, "symbols", tweet.Cashtags, "$", text, (j, v) => j.WriteString("text", v));
        json.WriteStartArray("urls");
        foreach (var (url, expanded) in tweet.Urls)
        {
            json.WriteStartObject();
            json.WriteString("url", url);
            json.WriteString("expanded_url", expanded);
            json.WriteString("display_url", expanded.Replace("https://", "", StringComparison.Ordinal));
            WriteIndices(json, text, url);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
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
