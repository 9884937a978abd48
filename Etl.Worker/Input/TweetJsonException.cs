namespace Etl.Worker.Input;

/// <summary>A JSON value that cannot be read as a tweet; the message names the field and what was expected.</summary>
public sealed class TweetJsonException : Exception
{
    public TweetJsonException()
    {
    }

    public TweetJsonException(string message)
        : base(message)
    {
    }

    public TweetJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
