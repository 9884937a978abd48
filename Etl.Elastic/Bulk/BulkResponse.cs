namespace Etl.Elastic.Bulk;

/// <summary>A parsed <c>_bulk</c> response: one <see cref="BulkItemResult"/> per operation, in request order.</summary>
public sealed record BulkResponse(long Took, bool Errors, IReadOnlyList<BulkItemResult> Items)
{
    public IEnumerable<BulkItemResult> Succeeded => Items.Where(i => i.Outcome == BulkItemOutcome.Succeeded);

    public IEnumerable<BulkItemResult> Retryable => Items.Where(i => i.Outcome == BulkItemOutcome.Retryable);

    public IEnumerable<BulkItemResult> Permanent => Items.Where(i => i.Outcome == BulkItemOutcome.Permanent);
}
