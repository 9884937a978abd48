namespace Etl.Worker.Pipeline;

/// <summary>A stage of the pipeline failed with an error no rule covers; the worker stops so it can be restarted.</summary>
public sealed class PipelineStageFailedException : Exception
{
    public PipelineStageFailedException()
    {
    }

    public PipelineStageFailedException(string message)
        : base(message)
    {
    }

    public PipelineStageFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? Stage { get; init; }

    public static PipelineStageFailedException For(string stage, Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return new PipelineStageFailedException(
            $"The {stage} stage failed: {cause.GetType().Name}: {cause.Message.TrimEnd('.')}. The worker stops so it can be restarted; work not yet indexed stays uncommitted and is read again.",
            cause)
        { Stage = stage };
    }
}
