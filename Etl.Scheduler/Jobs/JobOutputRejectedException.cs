namespace Etl.Scheduler.Jobs;

/// <summary>Elasticsearch refused some of what a job wrote: the run fails (and is retried) rather than report success.</summary>
public sealed class JobOutputRejectedException : Exception
{
    public JobOutputRejectedException()
    {
    }

    public JobOutputRejectedException(string message)
        : base(message)
    {
    }

    public JobOutputRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
