using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;

namespace Etl.Worker.Sources.Bluesky;

/// <summary>
/// Reads Jetstream over a WebSocket (<c>wantedCollections=app.bsky.feed.post</c>, optional <c>wantedDids</c>,
/// <c>cursor</c>) into the hand-off. Every event carries its <c>time_us</c> as the cursor, so the runner can save a
/// resume position once Kafka has acknowledged everything before it. A failed or dropped connection moves to the next
/// instance and resumes from the last event read, after an exponential wait (immediately after a connection that
/// delivered events).
/// </summary>
public sealed class JetstreamReader(JetstreamOptions options, JetstreamPostMapper mapper, SourceMetrics metrics, TimeProvider clock, ILogger logger)
{
    private const int MaxMessageBytes = 4 * 1024 * 1024;

    /// <summary>Raised before each wait-and-reconnect (tests check the timings and the cursor asked for).</summary>
    public event Action<JetstreamReconnect>? Reconnecting;

    /// <summary>Where the first connection starts: a cursor, or null for the live edge (see <see cref="ResumeFrom"/>).</summary>
    public long? StartCursor { get; set; }

    /// <summary>Starts from a saved cursor, rewound by <see cref="JetstreamOptions.CursorRewind"/> (replays overwrite themselves).</summary>
    public void ResumeFrom(long? saved) =>
        StartCursor = saved is { } s ? Math.Max(0, s - (long)options.CursorRewind.TotalMicroseconds) : null;

    /// <summary>Instances tried so far, in order (the first is the configured first).</summary>
    public int Attempts { get; private set; }

    public Uri SubscribeUri(string instance, long? cursor)
    {
        var query = new StringBuilder("wantedCollections=app.bsky.feed.post");
        foreach (var did in options.WantedDids)
        {
            query.Append("&wantedDids=").Append(Uri.EscapeDataString(did));
        }

        if (cursor is { } c)
        {
            query.Append("&cursor=").Append(c.ToString(CultureInfo.InvariantCulture));
        }

        var separator = instance.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return new Uri(instance + separator + query);
    }

    public async Task RunAsync(SourceHandoff handoff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        var instances = options.EffectiveInstances;
        var cursor = StartCursor;
        var failures = 0;
        var index = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var instance = instances[index % instances.Count];
            Attempts++;
            var (lastCursor, delivered, reason) = await ReadOnceAsync(instance, cursor, handoff, cancellationToken);
            if (lastCursor is not null)
            {
                cursor = lastCursor;
            }

            failures = delivered ? 0 : failures + 1;
            var delay = failures == 0 ? TimeSpan.Zero : Exponential(failures);
            index++;
            var next = instances[index % instances.Count];
            metrics.RecordReconnect();
            logger.LogWarning("Jetstream {Instance}: {Reason}; reconnecting to {Next} from cursor {Cursor} in {Delay}.", instance, reason, next, cursor, delay);
            // The wait's timer exists before anyone hears of it, so a fake clock advanced on the event cannot miss it.
            var wait = Task.Delay(delay, clock, cancellationToken);
            Reconnecting?.Invoke(new JetstreamReconnect(next, cursor, delay, reason));
            await wait;
        }
    }

    private TimeSpan Exponential(int failures)
    {
        var delay = options.ReconnectBaseDelay * Math.Pow(2, Math.Min(failures - 1, 30));
        return delay < options.ReconnectMaxDelay ? delay : options.ReconnectMaxDelay;
    }

    private async Task<(long? Cursor, bool Delivered, string Reason)> ReadOnceAsync(string instance, long? cursor, SourceHandoff handoff, CancellationToken cancellationToken)
    {
        long? last = null;
        var delivered = false;
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = options.KeepAlive;
        socket.Options.KeepAliveTimeout = options.KeepAlive;
        try
        {
            await socket.ConnectAsync(SubscribeUri(instance, cursor), cancellationToken);
            var buffer = new ArrayBufferWriter<byte>(64 * 1024);
            while (true)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    if (buffer.WrittenCount > MaxMessageBytes)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "message too big", cancellationToken);
                        return (last, delivered, $"a message over {MaxMessageBytes} bytes");
                    }

                    result = await socket.ReceiveAsync(buffer.GetMemory(16 * 1024), cancellationToken);
                    buffer.Advance(result.Count);
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return (last, delivered, $"the server closed the connection ({socket.CloseStatus} {socket.CloseStatusDescription})");
                }

                delivered = true;
                var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
                var message = mapper.Map(json);
                if (message.Malformed is not null)
                {
                    metrics.RecordMalformed();
                    logger.LogWarning("Jetstream: skipped a message that is not an event ({Problem}): {Message}", message.Malformed, json.Length > 300 ? json[..300] + "…" : json);
                    continue;
                }

                var time = DateTimeOffset.FromUnixTimeMilliseconds(message.TimeUs!.Value / 1000);
                if (message.Post is not null)
                {
                    metrics.RecordReceived(time);
                }
                else
                {
                    metrics.RecordSkipped();
                }

                await handoff.WriteAsync(new StreamItem(message.Post, message.TimeUs, time), cancellationToken);
                last = message.TimeUs;
            }
        }
        catch (WebSocketException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return (last, delivered, $"the connection failed ({ex.Message})");
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return (last, delivered, $"the connection broke ({ex.Message})");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The keep-alive timeout aborts a socket whose peer went silent.
            return (last, delivered, "the peer stopped answering pings");
        }
    }
}
