using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Etl.Schemas.Naming;
using etl.tweets;
using static Etl.Worker.Input.JsonFields;

namespace Etl.Worker.Sources.Bluesky;

/// <summary>
/// Maps Jetstream events to our tweet contract. A post (<c>commit</c>, <c>create</c>/<c>update</c> of
/// <c>app.bsky.feed.post</c>) becomes a <see cref="Tweet"/> with <c>network = bluesky</c>; facets give hashtags,
/// mentions and links directly (byte ranges into the UTF-8 text); the author's handle comes from the identity events
/// Jetstream sends, and is the DID until one is seen. The mapping table is in docs/sources.md.
/// </summary>
public sealed class JetstreamPostMapper
{
    private const string PostCollection = "app.bsky.feed.post";
    private const int MaxHandles = 100_000;
    private readonly ConcurrentDictionary<string, string> handles = new(StringComparer.Ordinal);

    /// <summary>Handles learnt from identity events, by DID.</summary>
    public int KnownHandles => handles.Count;

    public JetstreamEvent Map(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new(null, null, Malformed: $"expected a JSON object, got {root.ValueKind}");
            }

            long? timeUs = root.TryGetProperty("time_us", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var us) ? us : null;
            var did = String(root, "did");
            var kind = String(root, "kind");
            if (timeUs is null || did is null || kind is null)
            {
                return new(timeUs, null, Malformed: "an event needs 'did', 'time_us' and 'kind'");
            }

            switch (kind)
            {
                case "identity":
                    if (Object(root, "identity") is { } identity && String(identity, "handle") is { Length: > 0 } handle)
                    {
                        Remember(did, handle);
                    }

                    return new(timeUs, null, Skipped: "identity");
                case "commit":
                    return MapCommit(root, did, timeUs.Value);
                default:
                    return new(timeUs, null, Skipped: kind);
            }
        }
        catch (JsonException ex)
        {
            return new(null, null, Malformed: $"not JSON ({ex.Message})");
        }
        catch (InvalidOperationException ex)
        {
            return new(null, null, Malformed: ex.Message);
        }
    }

    private JetstreamEvent MapCommit(JsonElement root, string did, long timeUs)
    {
        if (Object(root, "commit") is not { } commit)
        {
            return new(timeUs, null, Malformed: "a commit event without 'commit'");
        }

        var operation = String(commit, "operation");
        if (String(commit, "collection") != PostCollection || operation is not ("create" or "update"))
        {
            return new(timeUs, null, Skipped: $"{String(commit, "collection")} {operation}");
        }

        var rkey = String(commit, "rkey");
        if (rkey is null || Object(commit, "record") is not { } record)
        {
            return new(timeUs, null, Malformed: $"a post by {did} without 'rkey' or 'record'");
        }

        var uri = BlueskyIds.PostUri(did, rkey);
        var text = String(record, "text") ?? "";
        var eventTime = DateTimeOffset.FromUnixTimeMilliseconds(timeUs / 1000);
        var created = String(record, "createdAt") is { } c && DateTimeOffset.TryParse(c, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : eventTime;
        var langs = Array(record, "langs").Where(l => l.ValueKind == JsonValueKind.String).Select(l => l.GetString()!).ToList();
        var (hashtags, mentions, urls) = Facets(record, text);
        var parent = Object(record, "reply") is { } reply && Object(reply, "parent") is { } p ? String(p, "uri") : null;
        var quoted = QuotedUri(record);

        var post = new Tweet
        {
            Id = BlueskyIds.Of(uri),
            Uri = uri,
            Network = SourceNetworks.Bluesky,
            CreatedAt = created,
            Text = text,
            Lang = langs.Count > 0 ? langs[0] : null,
            User = new TweetUser { Id = BlueskyIds.Of(did), ScreenName = handles.TryGetValue(did, out var handle) ? handle : did },
            Entities = new Entities { Hashtags = hashtags, Mentions = mentions, Urls = urls },
            InReplyToStatusId = parent is null ? null : BlueskyIds.Of(parent),
            InReplyToUserId = BlueskyIds.DidOf(parent) is { } parentDid ? BlueskyIds.Of(parentDid) : null,
            QuotedStatusId = quoted is null ? null : BlueskyIds.Of(quoted),
            PossiblySensitive = HasSelfLabels(record),
        };
        return new(timeUs, post);
    }

    private static (List<string> Hashtags, List<Mention> Mentions, List<UrlEntity> Urls) Facets(JsonElement record, string text)
    {
        var hashtags = new List<string>();
        var mentions = new List<Mention>();
        var urls = new List<UrlEntity>();
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var facet in Array(record, "facets"))
        {
            var covered = Slice(bytes, Object(facet, "index"));
            foreach (var feature in Array(facet, "features"))
            {
                switch (String(feature, "$type"))
                {
                    case "app.bsky.richtext.facet#tag" when String(feature, "tag") is { Length: > 0 } tag:
                        hashtags.Add(tag.TrimStart('#'));
                        break;
                    case "app.bsky.richtext.facet#mention" when String(feature, "did") is { Length: > 0 } mentioned:
                        // The facet gives the DID; the text it covers is the handle as written ("@alice.bsky.social").
                        var name = covered?.TrimStart('@') is { Length: > 0 } written ? written : mentioned;
                        mentions.Add(new Mention(name, BlueskyIds.Of(mentioned)));
                        break;
                    case "app.bsky.richtext.facet#link" when String(feature, "uri") is { Length: > 0 } link:
                        urls.Add(new UrlEntity(covered is { Length: > 0 } shown ? shown : link, link));
                        break;
                }
            }
        }

        return (hashtags, mentions, urls);
    }

    /// <summary>The text a facet's byte range covers, or null when the range does not fit the text.</summary>
    private static string? Slice(byte[] text, JsonElement? index)
    {
        if (index is not { } i || !i.TryGetProperty("byteStart", out var s) || !i.TryGetProperty("byteEnd", out var e) ||
            !s.TryGetInt32(out var start) || !e.TryGetInt32(out var end) || start < 0 || end > text.Length || end <= start)
        {
            return null;
        }

        return Encoding.UTF8.GetString(text, start, end - start);
    }

    /// <summary>A quote is an embedded record (<c>app.bsky.embed.record</c>, or with media).</summary>
    private static string? QuotedUri(JsonElement record)
    {
        if (Object(record, "embed") is not { } embed)
        {
            return null;
        }

        return String(embed, "$type") switch
        {
            "app.bsky.embed.record" => Object(embed, "record") is { } r ? String(r, "uri") : null,
            "app.bsky.embed.recordWithMedia" => Object(embed, "record") is { } outer && Object(outer, "record") is { } inner ? String(inner, "uri") : null,
            _ => null,
        };
    }

    /// <summary>Self-applied content warnings (<c>labels.values[].val</c>) are Bluesky's "possibly sensitive".</summary>
    private static bool HasSelfLabels(JsonElement record) =>
        Object(record, "labels") is { } labels && Array(labels, "values").Any();

    private void Remember(string did, string handle)
    {
        if (handles.Count >= MaxHandles)
        {
            // Bounded memory: forget everything rather than grow without end; handles come back with new identity events.
            handles.Clear();
        }

        handles[did] = handle;
    }
}
