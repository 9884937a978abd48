using System.Text.Json;
using Etl.Enrichment.Input;

namespace Etl.Worker.Input;

/// <summary>
/// Reads tweets from Twitter API JSON: v1.1 tweets (JSON lines, a JSON array, a single object, or a search response
/// with <c>statuses</c>/<c>results</c>) and v2 responses (<c>data</c> plus <c>includes</c>, one page per line; also
/// twarc's flattened lines). A line that is not valid JSON or not a tweet yields an error record and reading goes on.
/// </summary>
public static class TweetJsonReader
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 };

    /// <summary>Stream and API messages that are not tweets: user-stream preambles, events, notices, error objects.</summary>
    private static readonly string[] StreamMessages =
    [
        "errors", "delete", "friends", "friends_str", "limit", "warning", "scrub_geo", "status_withheld", "user_withheld",
        "disconnect", "direct_message", "event", "control",
    ];

    public static IEnumerable<TweetJsonRecord> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var content = reader.ReadToEnd();
        var trimmed = content.AsSpan().TrimStart();
        if (trimmed.IsEmpty)
        {
            yield break;
        }

        // A JSON array, or one pretty-printed object, is a single document; otherwise one JSON value per line.
        if (trimmed[0] == '[' || (trimmed[0] == '{' && !FirstLineIsComplete(content)))
        {
            JsonDocument? document = null;
            string? error = null;
            try
            {
                document = JsonDocument.Parse(content, Options);
            }
            catch (JsonException ex)
            {
                error = $"not valid JSON ({ex.Message}); expected JSON lines, a JSON array or one JSON object.";
            }

            if (error is not null)
            {
                yield return new TweetJsonRecord(1, null, error);
                yield break;
            }

            using (document)
            {
                foreach (var record in FromValue(document!.RootElement, 1))
                {
                    yield return record;
                }
            }

            yield break;
        }

        var lineNumber = 0;
        using var lines = new StringReader(content);
        while (lines.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument? document = null;
            string? error = null;
            try
            {
                document = JsonDocument.Parse(line, Options);
            }
            catch (JsonException ex)
            {
                error = $"not valid JSON: {ex.Message}";
            }

            if (error is not null)
            {
                yield return new TweetJsonRecord(lineNumber, null, error);
                continue;
            }

            using (document)
            {
                foreach (var record in FromValue(document!.RootElement, lineNumber))
                {
                    yield return record;
                }
            }
        }
    }

    private static bool FirstLineIsComplete(string content)
    {
        var end = content.IndexOf('\n', StringComparison.Ordinal);
        var first = end < 0 ? content : content[..end];
        try
        {
            using var _ = JsonDocument.Parse(first, Options);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IEnumerable<TweetJsonRecord> FromValue(JsonElement value, int line)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                foreach (var record in FromValue(item, line))
                {
                    yield return record;
                }
            }

            yield break;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            yield return new TweetJsonRecord(line, null, $"expected a tweet object, got a JSON {value.ValueKind.ToString().ToLowerInvariant()}.");
            yield break;
        }

        if (value.TryGetProperty("data", out var data))
        {
            var includes = new V2Includes(value.TryGetProperty("includes", out var inc) ? inc : default);
            var tweets = data.ValueKind == JsonValueKind.Array ? data.EnumerateArray().ToList() : [data];
            foreach (var tweet in tweets)
            {
                yield return Map(line, () => TwitterV2Mapper.Map(tweet, includes));
            }

            yield break;
        }

        foreach (var container in new[] { "statuses", "results" })
        {
            if (value.TryGetProperty(container, out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    yield return Map(line, () => TwitterV1Mapper.Map(item));
                }

                yield break;
            }
        }

        if (!value.TryGetProperty("text", out _) && !value.TryGetProperty("full_text", out _) && StreamMessages.Any(name => value.TryGetProperty(name, out _)))
        {
            yield return new TweetJsonRecord(line, null, Skipped: "a stream control or error message, not a tweet");
            yield break;
        }

        var isV2 = value.TryGetProperty("author_id", out _) || value.TryGetProperty("public_metrics", out _) || value.TryGetProperty("edit_history_tweet_ids", out _);
        yield return Map(line, () => isV2 ? TwitterV2Mapper.Map(value, new V2Includes(default)) : TwitterV1Mapper.Map(value));
    }

    private static TweetJsonRecord Map(int line, Func<SourceTweet> map)
    {
        try
        {
            return new TweetJsonRecord(line, map());
        }
        catch (TweetJsonException ex)
        {
            return new TweetJsonRecord(line, null, ex.Message);
        }
    }
}
