using System.Text.Json;
using etl.tweets;
using Etl.Worker.Input;
using Etl.Worker.Mapping;
using static Etl.Worker.Input.JsonFields;

namespace Etl.Worker.Sources.X;

/// <summary>One line of the filtered stream, read: a keep-alive, a post mapped to our contract, or errors.</summary>
public sealed record XStreamMessage(XStreamMessageKind Kind, Tweet? Tweet = null, string? Detail = null)
{
    /// <summary>Titles and connection issues after which X closes the stream.</summary>
    private static readonly string[] DisconnectTitles = ["operational-disconnect", "ConnectionException"];

    public static XStreamMessage Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (string.IsNullOrWhiteSpace(line))
        {
            return new(XStreamMessageKind.KeepAlive);
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new(XStreamMessageKind.Malformed, Detail: $"expected a JSON object, got {root.ValueKind}");
            }

            var errors = Errors(root);
            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
            {
                var includes = root.TryGetProperty("includes", out var inc) ? new V2Includes(inc) : new V2Includes(default);
                var tweet = TweetRecordMapper.ToAvro(TwitterV2Mapper.Map(data, includes));
                // Errors beside data are partial: an expansion X could not resolve (a deleted author, say).
                return new(XStreamMessageKind.Tweet, tweet, errors.Count > 0 ? string.Join("; ", errors.Select(e => e.Text)) : null);
            }

            if (errors.Count > 0)
            {
                var disconnect = errors.Any(e => e.EndsStream);
                return new(disconnect ? XStreamMessageKind.Disconnect : XStreamMessageKind.Errors, Detail: string.Join("; ", errors.Select(e => e.Text)));
            }

            return new(XStreamMessageKind.Malformed, Detail: "a JSON object with neither 'data' nor 'errors'");
        }
        catch (JsonException ex)
        {
            return new(XStreamMessageKind.Malformed, Detail: $"not JSON ({ex.Message})");
        }
        catch (TweetJsonException ex)
        {
            return new(XStreamMessageKind.Malformed, Detail: ex.Message);
        }
        catch (FormatException ex)
        {
            return new(XStreamMessageKind.Malformed, Detail: ex.Message);
        }
    }

    /// <summary>X's problem objects, in either shape it uses: <c>{"errors":[...]}</c> or one top-level problem.</summary>
    private static List<(string Text, bool EndsStream)> Errors(JsonElement root)
    {
        var list = new List<(string, bool)>();
        if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            foreach (var error in errors.EnumerateArray())
            {
                list.Add(Describe(error));
            }
        }
        else if (root.TryGetProperty("title", out _) && (root.TryGetProperty("detail", out _) || root.TryGetProperty("connection_issue", out _)))
        {
            list.Add(Describe(root));
        }

        return list;
    }

    private static (string, bool) Describe(JsonElement error)
    {
        var title = String(error, "title");
        var detail = String(error, "detail") ?? String(error, "message");
        var disconnectType = String(error, "disconnect_type") ?? String(error, "connection_issue");
        var endsStream = disconnectType is not null || (title is not null && DisconnectTitles.Contains(title, StringComparer.OrdinalIgnoreCase));
        var text = string.Join(": ", new[] { title, disconnectType, detail }.Where(s => !string.IsNullOrEmpty(s)));
        return (text.Length == 0 ? error.GetRawText() : text, endsStream);
    }
}
