namespace Etl.Worker.Sources.Bluesky;

/// <summary>Bluesky's Jetstream (<c>etl-worker stream bluesky</c>): free, public, no credentials.</summary>
public sealed class JetstreamOptions
{
    public const string SectionName = "Jetstream";

    /// <summary>
    /// Jetstream subscribe addresses, tried in turn: each failure moves to the next. Bluesky runs four public ones;
    /// cursors are times, so one cursor works on all of them.
    /// </summary>
    public List<string> Instances { get; } = [];

    /// <summary>The public instances, used when <see cref="Instances"/> is empty.</summary>
    public static readonly IReadOnlyList<string> PublicInstances =
    [
        "wss://jetstream1.us-east.bsky.network/subscribe",
        "wss://jetstream2.us-east.bsky.network/subscribe",
        "wss://jetstream1.us-west.bsky.network/subscribe",
        "wss://jetstream2.us-west.bsky.network/subscribe",
    ];

    /// <summary>Only these authors (DIDs, up to 10,000); empty for everyone.</summary>
    public List<string> WantedDids { get; } = [];

    /// <summary>Where the resume position (Jetstream's <c>time_us</c>) is kept between runs.</summary>
    public string CursorFile { get; set; } = "jetstream.cursor";

    /// <summary>
    /// How far before the saved cursor to resume, so switching instances cannot skip an event (their clocks differ
    /// slightly); replayed posts have the same id and overwrite themselves.
    /// </summary>
    public TimeSpan CursorRewind { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>First wait after a failed connection; doubles each attempt up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>WebSocket ping interval; a peer that does not answer within this time is treated as gone.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Events the hand-off holds while Kafka is slower than the stream.</summary>
    public int HandoffCapacity { get; set; } = 50_000;

    public IReadOnlyList<string> EffectiveInstances => Instances.Count > 0 ? Instances : PublicInstances;
}
