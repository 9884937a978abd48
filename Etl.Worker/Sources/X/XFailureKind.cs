namespace Etl.Worker.Sources.X;

/// <summary>Why a filtered-stream connection ended, which decides how long to wait before the next attempt.</summary>
public enum XFailureKind
{
    /// <summary>An established connection ended (server closed, operational disconnect, stall): reconnect at once.</summary>
    Dropped,

    /// <summary>No connection or no response (TCP/TLS error, timeout): back off linearly.</summary>
    Network,

    /// <summary>An HTTP error status worth retrying (5xx, 409, ...): back off exponentially.</summary>
    Http,

    /// <summary>429 Too Many Requests: back off exponentially from a minute, and not before the rate-limit reset.</summary>
    RateLimited,
}
