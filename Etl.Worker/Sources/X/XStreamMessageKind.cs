namespace Etl.Worker.Sources.X;

public enum XStreamMessageKind
{
    /// <summary>An empty line X sends every 20 s to keep the connection alive.</summary>
    KeepAlive,

    /// <summary>A matching post (<c>data</c>, with <c>includes</c> and <c>matching_rules</c>).</summary>
    Tweet,

    /// <summary><c>errors</c> only, and one of them ends the stream (operational disconnect, connection limit).</summary>
    Disconnect,

    /// <summary><c>errors</c> only, none ending the stream: reported, and reading goes on.</summary>
    Errors,

    /// <summary>Not JSON, or JSON we cannot read as a post: counted, reported, and reading goes on.</summary>
    Malformed,
}
