namespace Etl.Worker.Indexing;

/// <summary>What to do with the records an <see cref="Answer"/> was about.</summary>
public enum Verdict
{
    /// <summary>Stored: acknowledge.</summary>
    Done,

    /// <summary>May succeed later (429, 5xx, timeout, garbled answer): back off with jitter and resend, bounded per record.</summary>
    Retry,

    /// <summary>
    /// The dependency refuses everyone (401/403, unreachable): pause consumption, report not ready, resend after a
    /// back-off — no record is at fault, so none is dead-lettered however long it lasts.
    /// </summary>
    Pause,

    /// <summary>The request was too large (413): halve it and resend; a single record too large is dead-lettered.</summary>
    Split,

    /// <summary>
    /// The whole request was refused with another 4xx, so some record in it is at fault: halve and resend until the
    /// culprits stand alone, dead-letter only them.
    /// </summary>
    Bisect,

    /// <summary>This record will never succeed: dead-letter it with the reason.</summary>
    DeadLetter,

    /// <summary>The dead letter itself is too large for the topic: write a truncated one (key, partition, offset, reason).</summary>
    Truncate,
}
