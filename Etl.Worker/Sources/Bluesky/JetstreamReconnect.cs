namespace Etl.Worker.Sources.Bluesky;

/// <summary>A reconnection decided by <see cref="JetstreamReader"/>: the next instance, the cursor asked for, the wait.</summary>
public sealed record JetstreamReconnect(string Instance, long? Cursor, TimeSpan Delay, string Reason);
