using etl.tweets;

namespace Etl.Worker.Sources;

/// <summary>
/// One unit a live source hands to the producer: a tweet to produce (or none, for an event that only moves the
/// resume position), the source's resume position after it, and when it happened on the network (for lag).
/// </summary>
public readonly record struct StreamItem(Tweet? Tweet, long? Cursor, DateTimeOffset EventTime);
