namespace Etl.Worker.Indexing;

/// <summary>The sink could not take a request at all; nothing in it was written.</summary>
public sealed class SinkUnavailableException : Exception
{
    public SinkUnavailableException()
    {
    }

    public SinkUnavailableException(string message)
        : base(message)
    {
    }

    public SinkUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
