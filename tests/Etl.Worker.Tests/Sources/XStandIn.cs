using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Etl.Worker.Tests.Sources;

/// <summary>
/// Kestrel on loopback speaking the X API v2 filtered stream: <c>GET /2/tweets/search/stream</c> answers from a
/// script, one step per connection (posts, keep-alive newlines, error objects, aborts, 429s); the rules endpoints keep
/// a rule set in memory and answer in X's shapes.
/// </summary>
internal sealed class XStandIn : IAsyncDisposable
{
    private readonly ConcurrentQueue<Func<HttpContext, Task>> script = new();
    private readonly List<JsonObject> rules = [];
    private readonly object gate = new();
    private WebApplication app = null!;
    private int nextRuleId = 1000;
    private int streamConnections;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Stream connections opened so far.</summary>
    public int StreamConnections => Volatile.Read(ref streamConnections);

    public ConcurrentQueue<string> Authorizations { get; } = new();

    public ConcurrentQueue<string> StreamQueries { get; } = new();

    /// <summary>Bodies of every POST to the rules endpoint, in order.</summary>
    public ConcurrentQueue<string> RulePosts { get; } = new();

    public static async Task<XStandIn> StartAsync()
    {
        var standIn = new XStandIn();
        (standIn.app, standIn.BaseUrl) = await LoopbackServer.StartAsync(app =>
        {
            app.UseRouting();
            app.MapGet("/2/tweets/search/stream", standIn.StreamAsync);
            app.MapGet("/2/tweets/search/stream/rules", standIn.ListRules);
            app.MapPost("/2/tweets/search/stream/rules", (Delegate)standIn.PostRulesAsync);
        });
        return standIn;
    }

    /// <summary>What the next stream connection gets.</summary>
    public void Then(Func<HttpContext, Task> connection) => script.Enqueue(connection);

    /// <summary>200, then these lines (a post, "" for a keep-alive, anything else verbatim), then <paramref name="end"/>.</summary>
    public void ThenLines(IEnumerable<string> lines, StreamEnd end) => Then(async context =>
    {
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync();
        foreach (var line in lines)
        {
            await context.Response.WriteAsync(line + "\r\n");
            await context.Response.Body.FlushAsync();
        }

        switch (end)
        {
            case StreamEnd.Abort:
                // Let the client read what was sent (a reset can discard unread bytes), then tear the connection down.
                await Task.Delay(200);
                context.Abort();
                break;
            case StreamEnd.Silence:
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                break;
            case StreamEnd.Close:
                break;
        }
    });

    public void ThenStatus(int status, string body, IDictionary<string, string>? headers = null) => Then(async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync(body);
    });

    /// <summary>The connection is dropped before any answer: a network error for the client.</summary>
    public void ThenAbortBeforeHeaders() => Then(context =>
    {
        context.Abort();
        return Task.CompletedTask;
    });

    public void SeedRules(params (string Value, string? Tag)[] seed)
    {
        lock (gate)
        {
            foreach (var (value, tag) in seed)
            {
                rules.Add(Rule(value, tag));
            }
        }
    }

    public IReadOnlyList<(string Id, string Value, string? Tag)> Rules
    {
        get
        {
            lock (gate)
            {
                return rules.Select(r => ((string)r["id"]!, (string)r["value"]!, (string?)r["tag"])).ToList();
            }
        }
    }

    /// <summary>A matching post as the stream sends it: data, includes (author, place) and matching_rules.</summary>
    public static string Post(long id, string text, DateTimeOffset createdAt, string author = "ada", string? placeId = null)
    {
        var data = new JsonObject
        {
            ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["text"] = text,
            ["created_at"] = createdAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
            ["author_id"] = "2244994945",
            ["lang"] = "en",
            ["edit_history_tweet_ids"] = new JsonArray(id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["public_metrics"] = new JsonObject { ["retweet_count"] = 3, ["reply_count"] = 1, ["like_count"] = 7, ["quote_count"] = 0 },
            ["entities"] = new JsonObject
            {
                ["hashtags"] = new JsonArray(new JsonObject { ["start"] = 0, ["end"] = 6, ["tag"] = "solar" }),
            },
        };
        var includes = new JsonObject
        {
            ["users"] = new JsonArray(new JsonObject
            {
                ["id"] = "2244994945", ["username"] = author, ["name"] = "Ada L.", ["location"] = "London",
                ["public_metrics"] = new JsonObject { ["followers_count"] = 120, ["following_count"] = 80 },
            }),
        };
        if (placeId is not null)
        {
            data["geo"] = new JsonObject { ["place_id"] = placeId };
            includes["places"] = new JsonArray(new JsonObject
            {
                ["id"] = placeId, ["full_name"] = "Manhattan, NY", ["name"] = "Manhattan", ["country"] = "United States", ["country_code"] = "US", ["place_type"] = "city",
                ["geo"] = new JsonObject { ["type"] = "Feature", ["bbox"] = new JsonArray(-74.026675, 40.683935, -73.910408, 40.877483) },
            });
        }

        var message = new JsonObject
        {
            ["data"] = data,
            ["includes"] = includes,
            ["matching_rules"] = new JsonArray(new JsonObject { ["id"] = "1166916266197536768", ["tag"] = "solar" }),
        };
        return message.ToJsonString();
    }

    /// <summary>X's operational-disconnect message.</summary>
    public const string OperationalDisconnect =
        "{\"errors\":[{\"title\":\"operational-disconnect\",\"disconnect_type\":\"UpstreamOperationalDisconnect\",\"detail\":\"This stream has been disconnected upstream for operational reasons.\",\"type\":\"https://api.twitter.com/2/problems/operational-disconnect\"}]}";

    /// <summary>X's 429 body when the app already holds its one connection.</summary>
    public const string TooManyConnections =
        "{\"title\":\"ConnectionException\",\"detail\":\"This stream is currently at the maximum allowed connection limit.\",\"connection_issue\":\"TooManyConnections\",\"type\":\"https://api.twitter.com/2/problems/streaming-connection\"}";

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task StreamAsync(HttpContext context)
    {
        Interlocked.Increment(ref streamConnections);
        Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
        StreamQueries.Enqueue(context.Request.QueryString.Value ?? "");
        if (script.TryDequeue(out var step))
        {
            await step(context);
            return;
        }

        // Script done: hold the connection open, as X does, until the client goes.
        await context.Response.StartAsync();
        await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private IResult ListRules(HttpContext context)
    {
        Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
        lock (gate)
        {
            var meta = new JsonObject { ["sent"] = "2026-12-02T01:00:00.000Z", ["result_count"] = rules.Count };
            var body = rules.Count == 0
                ? new JsonObject { ["meta"] = meta }
                : new JsonObject { ["data"] = new JsonArray(rules.Select(r => (JsonNode)r.DeepClone()).ToArray()), ["meta"] = meta };
            return Results.Content(body.ToJsonString(), "application/json");
        }
    }

    private async Task<IResult> PostRulesAsync(HttpContext context)
    {
        Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        RulePosts.Enqueue(text);
        var dryRun = context.Request.Query["dry_run"] == "true";
        var body = JsonNode.Parse(text)!.AsObject();
        lock (gate)
        {
            if (body["add"] is JsonArray add)
            {
                var created = new JsonArray();
                foreach (var item in add)
                {
                    var rule = Rule((string)item!["value"]!, (string?)item["tag"]);
                    created.Add(rule.DeepClone());
                    if (!dryRun)
                    {
                        rules.Add(rule);
                    }
                }

                var summary = new JsonObject { ["created"] = created.Count, ["not_created"] = 0, ["valid"] = created.Count, ["invalid"] = 0 };
                return Results.Content(new JsonObject { ["data"] = created, ["meta"] = new JsonObject { ["sent"] = "2026-12-02T01:00:00.000Z", ["summary"] = summary } }.ToJsonString(), "application/json", statusCode: 201);
            }

            if (body["delete"]?["ids"] is JsonArray ids)
            {
                var wanted = ids.Select(i => (string)i!).ToHashSet();
                var deleted = dryRun ? rules.Count(r => wanted.Contains((string)r["id"]!)) : rules.RemoveAll(r => wanted.Contains((string)r["id"]!));
                var summary = new JsonObject { ["deleted"] = deleted, ["not_deleted"] = wanted.Count - deleted };
                return Results.Content(new JsonObject { ["meta"] = new JsonObject { ["sent"] = "2026-12-02T01:00:00.000Z", ["summary"] = summary } }.ToJsonString(), "application/json");
            }
        }

        return Results.Content("{\"errors\":[{\"message\":\"Must specify add or delete\"}],\"title\":\"Invalid Request\",\"detail\":\"One or more parameters to your request was invalid.\",\"type\":\"https://api.twitter.com/2/problems/invalid-request\"}", "application/json", statusCode: 400);
    }

    private JsonObject Rule(string value, string? tag)
    {
        var rule = new JsonObject { ["id"] = (nextRuleId++).ToString(System.Globalization.CultureInfo.InvariantCulture), ["value"] = value };
        if (tag is not null)
        {
            rule["tag"] = tag;
        }

        return rule;
    }
}
