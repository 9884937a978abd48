namespace Etl.Elastic.Transport;

/// <summary>A request Elasticsearch refused, or one that never reached it.</summary>
public sealed class ElasticsearchException : Exception
{
    public ElasticsearchException()
    {
    }

    public ElasticsearchException(string message)
        : base(message)
    {
    }

    public ElasticsearchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ElasticsearchException(string message, int? status, ElasticsearchError? error, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        Error = error;
        IsTransient = isTransient;
    }

    /// <summary>HTTP status; null when no response arrived (connection refused, timeout).</summary>
    public int? Status { get; }

    public ElasticsearchError? Error { get; }

    /// <summary>Elasticsearch's error type, e.g. <c>es_rejected_execution_exception</c>.</summary>
    public string? ErrorType => Error?.Type;

    public string? Reason => Error?.Reason;

    /// <summary>True when the same request may succeed later: 429, 5xx, no connection, timeout.</summary>
    public bool IsTransient { get; }

    /// <summary>Retry policy shared by whole requests and bulk items: back off on 429 and 5xx, never retry other 4xx.</summary>
    public static bool IsTransientStatus(int status) => status == 429 || status >= 500;
}
