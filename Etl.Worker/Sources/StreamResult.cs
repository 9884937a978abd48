namespace Etl.Worker.Sources;

/// <summary>
/// How a <see cref="StreamRunner"/> run ended: posts received, acknowledged and failed; the last cursor saved (every
/// post up to it acknowledged), or null; the reader's fatal error (for example refused credentials), or null.
/// </summary>
public sealed record StreamResult(long Received, long Produced, long Failed, long? SavedCursor, Exception? Failure)
{
    public bool Succeeded => Failure is null && Failed == 0;
}
