using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Etl.Worker.Tests.Sources;

/// <summary>
/// Kestrel on loopback speaking Jetstream's <c>/subscribe</c> WebSocket: it replays its events from the
/// <c>cursor</c> asked for (inclusive, as a time_us), records every cursor and filter it is asked for, and ends each
/// connection as scripted (after so many events: close, abort, or hold open).
/// </summary>
internal sealed class JetstreamStandIn : IAsyncDisposable
{
    private readonly ConcurrentQueue<(int Events, StreamEnd End)> script = new();
    private WebApplication app = null!;

    public Uri Url { get; private set; } = null!;

    /// <summary>The events, in time order: (time_us, JSON).</summary>
    public List<(long TimeUs, string Json)> Events { get; } = [];

    /// <summary>The cursor of every connection (null: none asked, the live edge).</summary>
    public ConcurrentQueue<long?> RequestedCursors { get; } = new();

    public ConcurrentQueue<string> Queries { get; } = new();

    public static async Task<JetstreamStandIn> StartAsync()
    {
        var standIn = new JetstreamStandIn();
        (standIn.app, var address) = await LoopbackServer.StartAsync(app =>
        {
            app.UseWebSockets();
            app.Run(standIn.HandleAsync);
        });
        standIn.Url = new Uri($"ws://{address.Authority}/subscribe");
        return standIn;
    }

    /// <summary>The next connection sends at most <paramref name="events"/> events from its cursor, then ends so.</summary>
    public void Then(int events, StreamEnd end) => script.Enqueue((events, end));

    public long AddPost(string did, string rkey, string text, long timeUs, JsonObject? extra = null)
    {
        var record = new JsonObject
        {
            ["$type"] = "app.bsky.feed.post",
            ["text"] = text,
            ["createdAt"] = DateTimeOffset.FromUnixTimeMilliseconds(timeUs / 1000).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["langs"] = new JsonArray("en"),
        };
        foreach (var (key, value) in extra ?? [])
        {
            record[key] = value?.DeepClone();
        }

        var commit = new JsonObject
        {
            ["rev"] = "3l3qo2vutsw2b", ["operation"] = "create", ["collection"] = "app.bsky.feed.post", ["rkey"] = rkey,
            ["record"] = record, ["cid"] = "bafyreidwaivazkwu67xztlmuobx35hs2lnfh3kolmgfmucldvhd3sgzcqi",
        };
        return Add(new JsonObject { ["did"] = did, ["time_us"] = timeUs, ["kind"] = "commit", ["commit"] = commit });
    }

    public long AddIdentity(string did, string handle, long timeUs) =>
        Add(new JsonObject { ["did"] = did, ["time_us"] = timeUs, ["kind"] = "identity", ["identity"] = new JsonObject { ["did"] = did, ["handle"] = handle, ["seq"] = 1409752997, ["time"] = "2024-09-05T06:11:04.870Z" } });

    public long AddDelete(string did, string rkey, long timeUs) =>
        Add(new JsonObject { ["did"] = did, ["time_us"] = timeUs, ["kind"] = "commit", ["commit"] = new JsonObject { ["rev"] = "3l3f6nzl3cv2s", ["operation"] = "delete", ["collection"] = "app.bsky.feed.post", ["rkey"] = rkey } });

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private long Add(JsonObject message)
    {
        var time = (long)message["time_us"]!;
        Events.Add((time, message.ToJsonString()));
        return time;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        Queries.Enqueue(context.Request.QueryString.Value ?? "");
        long? cursor = long.TryParse(context.Request.Query["cursor"], NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : null;
        RequestedCursors.Enqueue(cursor);
        var (limit, end) = script.TryDequeue(out var step) ? step : (int.MaxValue, StreamEnd.Silence);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var sent = 0;
        foreach (var (time, json) in Events.Where(e => cursor is null || e.TimeUs >= cursor).ToList())
        {
            if (sent == limit)
            {
                break;
            }

            await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, context.RequestAborted);
            sent++;
        }

        switch (end)
        {
            case StreamEnd.Abort:
                // Let the client read what was sent, then tear the connection down.
                await Task.Delay(200);
                context.Abort();
                break;
            case StreamEnd.Close:
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                break;
            default:
                var buffer = new byte[1024];
                try
                {
                    while (socket.State == WebSocketState.Open)
                    {
                        var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
                        if (received.MessageType == WebSocketMessageType.Close)
                        {
                            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                        }
                    }
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
                {
                    // The client went away.
                }

                break;
        }
    }
}
