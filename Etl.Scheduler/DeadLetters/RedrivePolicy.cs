using etl.tweets;

namespace Etl.Scheduler.DeadLetters;

/// <summary>
/// Which dead letters can now succeed. Indexing failures that were about the cluster, not the document (429, 5xx,
/// retries exhausted without a status), are worth another try. Any other failure is retried only when the record
/// now decodes: a fixed schema or a registered writer schema changes the outcome, a rejected document does not.
/// </summary>
public static class RedrivePolicy
{
    public static RedriveDecision Decide(DeadLetter letter, bool valueDecodes)
    {
        ArgumentNullException.ThrowIfNull(letter);
        if (letter.Value is null)
        {
            return new RedriveDecision(false, "no_value");
        }

        if (letter.Stage == DeadLetterStage.index && (letter.EsStatus is null or 429 or >= 500))
        {
            return new RedriveDecision(true, "transient_index_failure");
        }

        if (letter.Stage == DeadLetterStage.index)
        {
            return new RedriveDecision(false, "document_rejected");
        }

        return valueDecodes ? new RedriveDecision(true, "now_decodes") : new RedriveDecision(false, "still_undecodable");
    }
}
