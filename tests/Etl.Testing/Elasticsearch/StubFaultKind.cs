namespace Etl.Testing.Elasticsearch;

/// <summary>The ways the stub can misbehave for one request (see <see cref="StubFault"/>).</summary>
public enum StubFaultKind
{
    /// <summary>Answer with a fixed status, body and content type instead of processing the request.</summary>
    Answer,

    /// <summary>Process the request (bulk items are stored), then send only the first half of the answer's JSON.</summary>
    Truncate,

    /// <summary>Read the request and never answer, until the client gives up or the stub stops.</summary>
    Stall,
}
