namespace Etl.Worker.Indexing;

/// <summary>The sink's answer for one item of a bulk request.</summary>
public readonly record struct SinkItemResult(int Status, string? ErrorType = null, string? Reason = null)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>429 and 5xx may succeed later; other 4xx never will and go to the dead-letter topic.</summary>
    public bool IsRetryable => Status == 429 || Status >= 500;
}
