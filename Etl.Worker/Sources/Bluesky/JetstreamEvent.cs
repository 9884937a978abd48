using etl.tweets;

namespace Etl.Worker.Sources.Bluesky;

/// <summary>
/// One Jetstream message, read: its <c>time_us</c> (the cursor), the post it carries if any, why no post came of it
/// (<c>Skipped</c>: another collection, a delete, an account event), or why it could not be read (<c>Malformed</c>).
/// </summary>
public sealed record JetstreamEvent(long? TimeUs, Tweet? Post, string? Skipped = null, string? Malformed = null);
