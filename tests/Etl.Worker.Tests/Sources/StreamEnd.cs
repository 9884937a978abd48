namespace Etl.Worker.Tests.Sources;

/// <summary>How a scripted stand-in connection ends after its lines.</summary>
internal enum StreamEnd
{
    /// <summary>The response completes normally.</summary>
    Close,

    /// <summary>The TCP connection is torn down mid-response.</summary>
    Abort,

    /// <summary>The connection stays open and nothing more is sent (not even keep-alives).</summary>
    Silence,
}
