namespace Etl.Worker.Sources.X;

/// <summary>An X API answer that retrying cannot fix (refused token, bad request); the message says what to change.</summary>
public sealed class XApiException : Exception
{
    public XApiException()
    {
    }

    public XApiException(string message)
        : base(message)
    {
    }

    public XApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int StatusCode { get; init; }
}
