namespace Etl.Worker.Indexing;

/// <summary>How an answer arrived, before its status is looked at.</summary>
public enum AnswerTransport
{
    /// <summary>A status (and perhaps an error body) arrived.</summary>
    Answered,

    /// <summary>No connection: refused, reset, name not resolved.</summary>
    Unreachable,

    /// <summary>Connected, but no answer within the request timeout.</summary>
    TimedOut,

    /// <summary>A success status with a body we cannot read (<c>200 {}</c>, truncated JSON): not a success.</summary>
    Unparseable,
}
